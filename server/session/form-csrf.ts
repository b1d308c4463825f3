// CSRF tokens for server-rendered forms (the JSON API uses the session's own token instead).
// Double submit with @fastify/csrf: a secret in an HttpOnly, SameSite=Strict cookie, and a token
// derived from it in a hidden field. A foreign page can make the browser send the cookie (not
// with SameSite=Strict, but defence in depth) but cannot read the page to learn the token.
import Tokens from '@fastify/csrf';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Failure } from '../failure.js';

export const FORM_CSRF_COOKIE = 'wm_csrf';
export const FORM_CSRF_FIELD = '_csrf';
const tokens = Tokens();

/** A token for the form being rendered; sets the secret cookie on first use. */
export function formToken(request: FastifyRequest, reply: FastifyReply): string {
  let secret = request.cookies[FORM_CSRF_COOKIE] ?? '';
  if (secret.length < 16) {
    secret = tokens.secretSync();
    reply.setCookie(FORM_CSRF_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
    // The form rendered in this response must verify against the secret it sets.
    request.cookies[FORM_CSRF_COOKIE] = secret;
  }
  return tokens.create(secret);
}

export function assertFormToken(request: FastifyRequest, submitted: unknown): void {
  const secret = request.cookies[FORM_CSRF_COOKIE];
  if (!secret || typeof submitted !== 'string' || !tokens.verify(secret, submitted)) {
    throw new Failure('CSRF_REJECTED', { reason: secret ? 'wrong form token' : 'no form secret cookie' });
  }
}
