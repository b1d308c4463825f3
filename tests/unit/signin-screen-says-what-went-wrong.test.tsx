// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.js';
import { API, MESSAGE_API } from '../../src/shared/api.js';
import { SETTINGS_API } from '../../src/shared/mailbox-settings.js';
import { App } from '../../src/views/App.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  window.history.replaceState(null, '', '/');
});
afterAll(() => server.close());

const origin = () => window.location.origin;
const signedOut = () => http.get(origin() + API.session, () => HttpResponse.json({ error: { code: 'AUTH_REQUIRED', message: '' } }, { status: 401 }));

async function submit(username: string, password: string) {
  fireEvent.input(await screen.findByLabelText(/E-Mail-Adresse|Email address/), { target: { value: username } });
  fireEvent.input(screen.getByLabelText(/^(Passwort|Password)$/), { target: { value: password } });
  fireEvent.submit(screen.getByRole('button', { name: /Anmelden|Sign in/ }).closest('form')!);
}

describe('sign-in screen', () => {
  it('shows a wrong password in German words and keeps the typed address', async () => {
    setLocale('de');
    server.use(signedOut(), http.post(origin() + API.session, () => HttpResponse.json({ error: { code: 'AUTH_FAILED', message: '' } }, { status: 401 })));
    render(() => <App />);
    await submit('alice@example.com', 'falsch');
    expect((await screen.findByRole('alert')).textContent).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect((screen.getByLabelText('E-Mail-Adresse') as HTMLInputElement).value).toBe('alice@example.com');
  });

  it('tells in English how many minutes to wait when rate limited', async () => {
    setLocale('en');
    server.use(signedOut(), http.post(origin() + API.session, () => HttpResponse.json(
      { error: { code: 'RATE_LIMITED', message: '', retryAfterSeconds: 600 } }, { status: 429 },
    )));
    render(() => <App />);
    await submit('alice@example.com', 'guess');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Try again in 10 minutes.');
  });

  it('asks for both fields without calling the gateway when one is empty', async () => {
    setLocale('en');
    let posted = false;
    server.use(signedOut(), http.post(origin() + API.session, () => {
      posted = true;
      return HttpResponse.json({}, { status: 500 });
    }));
    render(() => <App />);
    await submit('alice@example.com', '');
    expect((await screen.findByRole('alert')).textContent).toBe('Please enter your email address and password.');
    expect(posted).toBe(false);
  });

  it('opens the folder tree after a successful sign-in, special folders localized', async () => {
    setLocale('de');
    server.use(
      signedOut(),
      http.post(origin() + API.session, () => HttpResponse.json({
        user: 'alice@example.com', csrfToken: 't', keepOnDevice: false, idleTimeoutSeconds: 1800,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(), limits: { maxAttachmentBytes: 1, maxMessageBytes: 2 },
      })),
      http.get(origin() + MESSAGE_API.list, () => HttpResponse.json({
        folder: { path: 'INBOX', uidValidity: '1', uidNext: 1, highestModseq: '1', total: 0, unread: 0 }, total: 0, offset: 0, rows: [],
      })),
      http.get(origin() + API.folders, () => HttpResponse.json({ folders: [
        { path: 'INBOX', name: 'INBOX', delimiter: '/', specialUse: 'inbox', subscribed: true, selectable: true, total: 12, unread: 4, children: [] },
        { path: 'Trash', name: 'Trash', delimiter: '/', specialUse: 'trash', subscribed: true, selectable: true, total: 1, unread: 0, children: [] },
      ] })),
      http.get(origin() + SETTINGS_API.quota, () => HttpResponse.json({ storage: { usedBytes: 950 * 1024, limitBytes: 1024 * 1024 } })),
    );
    render(() => <App />);
    await submit('alice@example.com', 'richtig');
    const inbox = await screen.findByRole('link', { name: /Posteingang/ });
    expect(inbox.getAttribute('aria-current')).toBe('page');
    expect(inbox.textContent).toContain('4');
    expect(screen.getByRole('link', { name: /Papierkorb/ })).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/mail/INBOX'));
    // The quota bar, in German, warns when the mailbox is over 90 % full.
    expect((await screen.findByRole('alert', {}, { timeout: 4000 })).textContent).toContain('Ihr Postfach ist fast voll (92 %)');
  });
});
