// Signing in and out, shared by the JSON API and the no-JavaScript pages: limits first, the
// credentials proven by an IMAP login whose connection the session keeps, then the session.
import type { FastifyRequest } from 'fastify';
import { Failure } from '../failure.js';
import type { Services } from '../services.js';
import type { ActiveSession } from './sessions.js';

export function sessionCookieOptions(services: Services, request: FastifyRequest) {
  const secure = services.config.session.cookieSecure;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secure === 'auto' ? request.protocol === 'https' : secure,
  };
}

export async function signInUser(
  services: Services,
  input: {
    username: string;
    password: string;
    keepOnDevice: boolean;
    clientAddress: string;
    /** The session cookie the browser sent along, if any: that session ends (one per browser). */
    previousCookie?: string;
  },
): Promise<{ cookieValue: string; session: ActiveSession }> {
  const { loginLimits, mail, sessions } = services;
  const username = input.username.trim();
  const wait = await loginLimits.begin(input.clientAddress, username);
  if (wait > 0) throw new Failure('RATE_LIMITED', { username, client: input.clientAddress }, wait);
  let client;
  try {
    client = await mail.signIn(username, input.password, input.clientAddress);
  } catch (error) {
    // A refused password keeps its point; anything else was no guess and gives it back.
    if (!(error instanceof Failure && error.code === 'AUTH_FAILED')) await loginLimits.undecided(input.clientAddress, username);
    throw error;
  }
  await loginLimits.succeeded(input.clientAddress, username);
  const created = await sessions.create(username, input.password, input.keepOnDevice);
  mail.keepConnection(created.session.key, client);
  // The cookie is about to be replaced: the session it named would otherwise live on unseen,
  // with its IMAP connection, until its timeout.
  const previous = await sessions.resolve(input.previousCookie);
  if (previous.ok) await signOutSession(services, previous.session);
  return created;
}

export async function signOutSession(services: Services, session: ActiveSession): Promise<void> {
  await services.mail.endSession(session.key);
  await services.sessions.destroy(session.key);
}
