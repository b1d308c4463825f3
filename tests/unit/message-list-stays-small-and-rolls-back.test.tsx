// @vitest-environment jsdom
import { render, screen, waitFor } from '@solidjs/testing-library';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_API, type MessageListResponse, type MessageRow } from '../../src/shared/api.js';
import { notice, setFlag, setNotice } from '../../src/state/message-actions.js';
import { createMessageList } from '../../src/state/message-list.js';
import { MessageListView } from '../../src/views/mailbox/MessageList.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOTAL = 100_000;
const requested: number[] = [];

function row(position: number): MessageRow {
  const uid = TOTAL - position;
  return {
    uid, position, subject: `Nachricht ${uid}`, from: { name: 'Anna', address: 'anna@example.com' }, to: [],
    date: '2026-11-27T10:00:00.000Z', size: 2048, hasAttachment: false, messageId: null,
    flags: { seen: uid % 2 === 0, flagged: false, answered: false, forwarded: false, draft: false },
  };
}

function listHandler() {
  return http.get(`${location.origin}${MESSAGE_API.list}`, ({ request }) => {
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    requested.push(offset);
    const body: MessageListResponse = {
      folder: { path: 'INBOX', uidValidity: '1', uidNext: TOTAL + 1, highestModseq: '5', total: TOTAL, unread: TOTAL / 2 },
      total: TOTAL,
      offset,
      rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => row(offset + i)),
    };
    return HttpResponse.json(body);
  });
}

describe('message list', () => {
  it('keeps only the rows in view in the DOM for a 100,000-message folder', async () => {
    server.use(listHandler());
    const list = createMessageList();
    list.open({ folder: 'INBOX' });
    render(() => (
      <MessageListView list={list} folder="INBOX" openUid={null} cursor={0} selected={new Set()} onCursor={() => {}} onOpen={() => {}} onToggleSelect={() => {}} />
    ));
    await screen.findByText('Nachricht 100000');
    const spacer = document.querySelector('.list-spacer') as HTMLElement;
    expect(spacer.style.height).toBe(`${TOTAL * 52}px`);
    expect(document.querySelectorAll('.list-row').length).toBeLessThan(100);
    expect(requested).toEqual([0]);

    // Jump deep into the folder: only the windows there are asked for.
    const viewport = document.querySelector('.list-viewport') as HTMLElement;
    viewport.scrollTop = 80_000 * 52;
    viewport.dispatchEvent(new Event('scroll'));
    await screen.findByText(`Nachricht ${TOTAL - 80_000}`);
    expect(requested.every((offset) => offset === 0 || (offset >= 79_950 && offset <= 80_050))).toBe(true);
    expect(document.querySelectorAll('.list-row').length).toBeLessThan(100);
  });

  it('rolls an optimistic flag back and says why when the server refuses', async () => {
    server.use(listHandler(), http.post(`${location.origin}${MESSAGE_API.flags}`, () =>
      HttpResponse.json({ error: { code: 'MAIL_SERVER_UNAVAILABLE', message: '' } }, { status: 503 })));
    setNotice(null);
    const list = createMessageList();
    list.open({ folder: 'INBOX' });
    await waitFor(() => expect(list.rows[0]).toBeDefined());
    const uid = list.rows[0]!.uid;
    const pending = setFlag(list, 'INBOX', [uid], 'flagged', true);
    expect(list.rowByUid(uid)!.flags.flagged).toBe(true);
    await pending;
    expect(list.rowByUid(uid)!.flags.flagged).toBe(false);
    expect(notice()).toMatchObject({ kind: 'error', error: { code: 'MAIL_SERVER_UNAVAILABLE' } });
  });
});
