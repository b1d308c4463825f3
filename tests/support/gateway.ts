// Builds the real gateway against the test mail system, with a clock the test can move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { API, CSRF_HEADER, type SessionInfo } from '../../src/shared/api.js';
import { testConfig, type TestUser } from './mailstack.js';

let addressCounter = 0;
/** A client address no other test used in this run (TEST-NET-2, RFC 5737). */
export function freshClientAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

export interface TestGateway {
  app: FastifyInstance;
  /** Where uploads are kept: a temporary dir of this gateway's own, removed on close. */
  uploadRoot: string;
  advanceClock(seconds: number): void;
  /**
   * `from` is the client address the gateway sees. Dovecot delays every failed login from an
   * address more (its auth penalty: 2 s doubling to 15 s, RFC-less but hard-coded), so tests
   * that fail logins on purpose spread them over addresses where the behaviour under test allows.
   */
  signIn(user: TestUser, options?: { headers?: Record<string, string>; from?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startGateway(settings: Record<string, string> = {}): Promise<TestGateway> {
  let offset = 0;
  const uploadRoot = mkdtempSync(join(tmpdir(), 'webmail-test-uploads-'));
  const app = await buildApp(testConfig(settings), { now: () => Date.now() + offset, logger: false, uploadRoot });
  await app.ready();
  return {
    app,
    uploadRoot,
    advanceClock: (seconds) => (offset += seconds * 1000),
    signIn: (user, options = {}) =>
      app.inject({
        method: 'POST', url: API.session, headers: options.headers ?? {}, remoteAddress: options.from ?? '127.0.0.1',
        payload: { username: user.address, password: user.password },
      }),
    close: async () => {
      await app.close();
      rmSync(uploadRoot, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  cookie: string;
  session: SessionInfo;
}

export function sessionOf(response: LightMyRequestResponse): SignedIn {
  const cookie = response.cookies.find((c) => c.name === 'wm_session');
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return { cookie: `wm_session=${cookie.value}`, session: response.json() as SessionInfo };
}

export function withSession(signedIn: SignedIn, withCsrf = true): Record<string, string> {
  return { cookie: signedIn.cookie, ...(withCsrf ? { [CSRF_HEADER]: signedIn.session.csrfToken } : {}) };
}
