// @vitest-environment jsdom
// On start the SPA shows the mailbox of the session it remembers at once, while the gateway is
// asked whether that session still lives (src/state/session.ts). The risk is showing a mailbox
// whose session cannot be alive any more, or keeping one the gateway says has ended.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API, type SessionInfo } from '../../src/shared/api.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sessionStorage.clear();
  localStorage.clear();
});
afterAll(() => server.close());

const LAST_SESSION = 'webmail.lastSession';
const HOUR = 3600_000;

function info(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    user: 'alice@example.com',
    csrfToken: 'token-123',
    keepOnDevice: false,
    idleTimeoutSeconds: 1800,
    expiresAt: new Date(Date.now() + 8 * HOUR).toISOString(),
    limits: { maxAttachmentBytes: 8388608, maxMessageBytes: 52428800, cacheBytes: 209715200 },
    ...overrides,
  };
}

function remember(session: SessionInfo, lastAnswerAt: number): void {
  sessionStorage.setItem(LAST_SESSION, JSON.stringify({ ...session, csrfToken: '', lastAnswerAt }));
}

/** GET /api/session answers only when told to. */
function heldSessionCheck(answer: () => Response): { release(): void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  server.use(http.get(window.location.origin + API.session, async () => {
    await released;
    return answer();
  }));
  return { release };
}

// A fresh module per test: the session signal and the API client are module state.
let session: typeof import('../../src/state/session.js');
beforeEach(async () => {
  vi.resetModules();
  session = await import('../../src/state/session.js');
});

describe('the remembered session on start', () => {
  it('is shown at once while the gateway is asked, then replaced by the confirmed one', async () => {
    remember(info(), Date.now() - 60_000);
    const check = heldSessionCheck(() => HttpResponse.json(info()));
    const restoring = session.restoreSession();
    expect(session.session()).toMatchObject({ status: 'signed-in', info: { user: 'alice@example.com', csrfToken: '' } });
    check.release();
    await restoring;
    expect(session.session()).toMatchObject({ status: 'signed-in', info: { csrfToken: 'token-123' } });
  });

  for (const [why, stored, lastAnswerAt] of [
    ['idle longer than the idle timeout since the last answer', info(), Date.now() - HOUR],
    ['past its absolute end', info({ expiresAt: new Date(Date.now() - 1000).toISOString() }), Date.now() - 60_000],
    ['without a time of the last answer (remembered by an older version)', info(), undefined],
  ] as const) {
    it(`is not shown before the gateway answers when ${why}`, async () => {
      remember(stored, lastAnswerAt as number);
      const check = heldSessionCheck(() => HttpResponse.json(info()));
      const restoring = session.restoreSession();
      expect(session.session().status).toBe('unknown');
      check.release();
      await restoring;
      expect(session.session().status).toBe('signed-in');
    });
  }

  it('is forgotten when the gateway says the session has ended, and the sign-in screen follows', async () => {
    remember(info(), Date.now() - 60_000);
    const check = heldSessionCheck(() => HttpResponse.json({ error: { code: 'SESSION_EXPIRED', message: '' } }, { status: 401 }));
    const restoring = session.restoreSession();
    expect(session.session().status).toBe('signed-in');
    check.release();
    await restoring;
    expect(session.session()).toMatchObject({ status: 'signed-out', reason: { code: 'SESSION_EXPIRED' } });
    expect(sessionStorage.getItem(LAST_SESSION)).toBeNull();
  });

  it('still opens offline, however old, as before', async () => {
    remember(info(), Date.now() - 10 * HOUR);
    server.use(http.get(window.location.origin + API.session, () => HttpResponse.error()));
    await session.restoreSession();
    expect(session.session()).toMatchObject({ status: 'signed-in', info: { user: 'alice@example.com' } });
  });
});
