// Builds the real gateway against the test mail system, with a clock the test can move.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { API, CSRF_HEADER, type SessionInfo } from '../../src/shared/api.js';
import { testConfig, type TestUser } from './mailstack.js';

export interface TestGateway {
  app: FastifyInstance;
  advanceClock(seconds: number): void;
  signIn(user: TestUser, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startGateway(settings: Record<string, string> = {}): Promise<TestGateway> {
  let offset = 0;
  const app = await buildApp(testConfig(settings), { now: () => Date.now() + offset, logger: false });
  await app.ready();
  return {
    app,
    advanceClock: (seconds) => (offset += seconds * 1000),
    signIn: (user, headers = {}) =>
      app.inject({ method: 'POST', url: API.session, headers, payload: { username: user.address, password: user.password } }),
    close: () => app.close(),
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
