import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../src/api/client.js';
import { API, CSRF_HEADER, type SessionInfo } from '../../src/shared/api.js';

const base = 'http://gateway.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const session: SessionInfo = {
  user: 'alice@example.com',
  csrfToken: 'token-123',
  keepOnDevice: false,
  idleTimeoutSeconds: 1800,
  expiresAt: '2026-11-28T08:00:00.000Z',
  limits: { maxAttachmentBytes: 8388608, maxMessageBytes: 52428800, cacheBytes: 209715200 },
};

describe('API client', () => {
  it('turns an error body into an ApiError with its code and wait', async () => {
    server.use(http.post(base + API.session, () => HttpResponse.json(
      { error: { code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 120 } }, { status: 429 },
    )));
    const error = await new ApiClient({ baseUrl: base }).signIn({ username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 120 });
  });

  it('reports an unreachable gateway as NETWORK, and a body it cannot read by status', async () => {
    server.use(
      http.get(base + API.folders, () => HttpResponse.error()),
      http.get(base + API.health, () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 })),
    );
    const client = new ApiClient({ baseUrl: base });
    await expect(client.folders()).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(client.health()).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });

  it('sends the CSRF token from sign-in on state-changing requests only', async () => {
    const seen: Record<string, string | null> = {};
    server.use(
      http.post(base + API.session, () => HttpResponse.json(session)),
      http.get(base + API.folders, ({ request }) => {
        seen.get = request.headers.get(CSRF_HEADER);
        return HttpResponse.json({ folders: [] });
      }),
      http.delete(base + API.session, ({ request }) => {
        seen.delete = request.headers.get(CSRF_HEADER);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = new ApiClient({ baseUrl: base });
    await client.signIn({ username: 'alice@example.com', password: 'pw' });
    await client.folders();
    await client.signOut();
    expect(seen).toEqual({ get: null, delete: 'token-123' });
  });

  it('holds requests back while a session check runs: sent once it passes, never sent when it fails', async () => {
    const sent: string[] = [];
    server.use(
      http.get(base + API.session, () => HttpResponse.json(session)),
      http.get(base + API.folders, () => {
        sent.push('folders');
        return HttpResponse.json({ folders: [] });
      }),
    );
    const client = new ApiClient({ baseUrl: base });
    let pass!: () => void;
    client.holdUntil(new Promise<void>((resolve) => (pass = resolve)));
    const folders = client.folders();
    // The session's own check is never held, or the hold could not end; a whole round trip of
    // it later, the folders asked for before it still have not gone out.
    await expect(client.session()).resolves.toMatchObject({ user: 'alice@example.com' });
    expect(sent).toEqual([]);
    pass();
    await expect(folders).resolves.toEqual({ folders: [] });
    expect(sent).toEqual(['folders']);

    client.holdUntil(Promise.reject(new ApiError('SESSION_EXPIRED', 401)));
    await expect(client.folders()).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(sent).toEqual(['folders']);
    // The hold ends with the check: later requests go out again.
    await client.folders();
    expect(sent).toEqual(['folders', 'folders']);
  });
});
