// The message list against the real Dovecot: windows of a 10,000-message folder (top, deep,
// past the end), every sort key in both directions, search and quick filters that find exactly
// the right messages, decoded subjects and the attachment mark — and a folder that stays
// selected between requests still shows what changed elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uidSort } from '../../server/imap/sort-search.js';
import { sortWithoutServer } from '../../server/mail/sort-fallback.js';
import { type MessageListResponse, type MessageRow } from '../../src/shared/api.js';
import { sessionOf, startGateway, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUsers, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';
import { appendAll, composeMessage, folderTruth, getAs, listUrl, listWindow, seedMailbox, SpareUsers, uniqueWord } from '../support/messages.js';

// 11,300 seeded messages put 10,025 into INBOX (the rest into Sent, Trash, Junk).
const SEEDED = 11_300;

let gateway: TestGateway;
let big: TestUser;
let bigSession: SignedIn;
let spare: SpareUsers;

beforeAll(async () => {
  gateway = await startGateway();
  const [first, ...others] = await createUsers(12, 'list');
  big = first!;
  spare = new SpareUsers(gateway, others);
  await seedMailbox(big, SEEDED);
  bigSession = sessionOf(await gateway.signIn(big));
}, 180_000);
afterAll(() => gateway.close());

const freshUser = () => spare.next();

const uidsOf = (list: MessageListResponse) => list.rows.map((row) => row.uid);
const positionsOf = (list: MessageListResponse) => list.rows.map((row) => row.position);
const range = (from: number, count: number) => Array.from({ length: count }, (_, n) => from + n);

function expectOrdered<T>(rows: MessageRow[], field: (row: MessageRow) => T, order: 'asc' | 'desc', compare: (a: T, b: T) => number): void {
  for (let n = 1; n < rows.length; n++) {
    const step = compare(field(rows[n - 1]!), field(rows[n]!));
    expect(order === 'asc' ? step <= 0 : step >= 0, `rows ${n - 1} and ${n} out of ${order} order`).toBe(true);
  }
}

describe('windows of a 10,000-message folder', () => {
  it('gives the newest 50 first, with the folder state from the server', async () => {
    const truth = await folderTruth(big, 'INBOX');
    expect(truth.uids.length).toBeGreaterThanOrEqual(10_000);
    const list = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 0, limit: 50 });
    expect(list.total).toBe(truth.uids.length);
    expect(list.offset).toBe(0);
    expect(positionsOf(list)).toEqual(range(0, 50));
    expect(uidsOf(list)).toEqual(truth.uids.slice(-50).reverse());
    expect(list.folder).toMatchObject({ path: 'INBOX', total: truth.uids.length, unread: truth.unseen.length });
    expect(list.folder.uidValidity).toMatch(/^[1-9]\d*$/);
    expect(list.folder.highestModseq).toMatch(/^[1-9]\d*$/);
    expect(list.folder.uidNext).toBeGreaterThan(truth.uids.at(-1)!);
  });

  it('gives the right 50 deep in the folder at 9,950, and nothing past its end', async () => {
    const truth = await folderTruth(big, 'INBOX');
    const newestFirst = [...truth.uids].reverse();
    const deep = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 9_950, limit: 50 });
    expect(positionsOf(deep)).toEqual(range(9_950, 50));
    expect(uidsOf(deep)).toEqual(newestFirst.slice(9_950, 10_000));

    const oldestFirst = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 9_950, limit: 50, order: 'asc' });
    expect(uidsOf(oldestFirst)).toEqual(truth.uids.slice(9_950, 10_000));

    const past = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: truth.uids.length + 10, limit: 50 });
    expect(past).toMatchObject({ total: truth.uids.length, offset: truth.uids.length + 10, rows: [] });
    const lastRows = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: truth.uids.length - 3, limit: 50 });
    expect(uidsOf(lastRows)).toEqual(truth.uids.slice(0, 3).reverse());
  });

  it('sorts the whole folder by size and by date, top and deep windows agreeing', async () => {
    for (const [sort, field] of [['size', (row: MessageRow) => row.size], ['date', (row: MessageRow) => Date.parse(row.date)]] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const top = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 0, limit: 200, sort, order });
        const deep = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 9_950, limit: 50, sort, order });
        expect(top.total).toBe(deep.total);
        expect(positionsOf(deep)).toEqual(range(9_950, 50));
        expectOrdered([...top.rows, ...deep.rows], field, order, (a, b) => a - b);
      }
    }
  });

  it('filters unread and flagged messages to exactly those the server has', async () => {
    const truth = await folderTruth(big, 'INBOX');
    const unread = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 0, limit: 200, filter: 'unread' });
    expect(unread.total).toBe(truth.unseen.length);
    expect(uidsOf(unread)).toEqual([...truth.unseen].reverse().slice(0, 200));
    expect(unread.rows.every((row) => !row.flags.seen)).toBe(true);
    const flagged = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 0, limit: 200, filter: 'flagged', sort: 'arrival', order: 'asc' });
    expect(flagged.total).toBe(truth.flagged.length);
    expect(uidsOf(flagged)).toEqual(truth.flagged.slice(0, 200));
  });

  it('finds a word in one body among 10,000 messages', async () => {
    const word = uniqueWord('nadel');
    const [uid] = await appendAll(big, 'INBOX', [{ raw: rawMessage('heu@example.com', big.address, 'Heuhaufen', `Irgendwo hier ist die ${word} versteckt.`) }]);
    const found = await listWindow(gateway, bigSession, { folder: 'INBOX', offset: 0, limit: 50, q: word });
    expect(found.total).toBe(1);
    expect(uidsOf(found)).toEqual([uid]);
  });
});

describe('sort keys', () => {
  it('orders by arrival, date, sender, subject and size, each way', async () => {
    const { user, signedIn } = await freshUser();
    // Each key orders these six differently from their arrival.
    const specs = [
      { from: 'Dora <dora@example.com>', subject: 'delta', date: '2024-03-04T10:00:00Z', pad: 300 },
      { from: 'Alma <alma@example.com>', subject: 'foxtrot', date: '2024-03-01T10:00:00Z', pad: 100 },
      { from: 'Emil <emil@example.com>', subject: 'bravo', date: '2024-03-06T10:00:00Z', pad: 600 },
      { from: 'Carl <carl@example.com>', subject: 'echo', date: '2024-03-02T10:00:00Z', pad: 500 },
      { from: 'Bert <bert@example.com>', subject: 'alpha', date: '2024-03-05T10:00:00Z', pad: 200 },
      { from: 'Finn <finn@example.com>', subject: 'charlie', date: '2024-03-03T10:00:00Z', pad: 400 },
    ];
    const raws = specs.map((spec) =>
      [
        `From: ${spec.from}`, `To: ${user.address}`, `Subject: ${spec.subject}`, `Date: ${new Date(spec.date).toUTCString()}`,
        'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'x'.repeat(spec.pad), '',
      ].join('\r\n'),
    );
    const uids = await appendAll(user, 'INBOX', raws.map((raw) => ({ raw })));
    const byKey = (key: (n: number) => string | number) =>
      specs.map((_, n) => n).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((n) => uids[n]!);
    const expected = {
      arrival: uids,
      date: byKey((n) => specs[n]!.date),
      from: byKey((n) => specs[n]!.from),
      subject: byKey((n) => specs[n]!.subject),
      size: byKey((n) => specs[n]!.pad),
    };
    for (const [sort, ascending] of Object.entries(expected)) {
      const asc = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, sort: sort as keyof typeof expected, order: 'asc' });
      const desc = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, sort: sort as keyof typeof expected, order: 'desc' });
      expect(uidsOf(asc), `${sort} asc`).toEqual(ascending);
      expect(uidsOf(desc), `${sort} desc`).toEqual([...ascending].reverse());
      expect(positionsOf(asc)).toEqual(range(0, 6));
    }
    // Servers without SORT: the gateway's own sort of the fetched fields agrees.
    const imap = await imapAs(user);
    const lock = await imap.getMailboxLock('INBOX');
    try {
      for (const sort of ['date', 'from', 'subject', 'size'] as const) {
        expect(await sortWithoutServer(imap, [...uids], sort, false), `${sort} without SORT`).toEqual(expected[sort]);
        expect(await sortWithoutServer(imap, [...uids], sort, true), `${sort} desc without SORT`).toEqual([...expected[sort]].reverse());
      }
    } finally {
      lock.release();
      await imap.logout();
    }
    // A window inside a sorted list carries its positions.
    const middle = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 2, limit: 2, sort: 'subject', order: 'asc' });
    expect(middle.rows.map((row) => [row.position, row.subject])).toEqual([[2, 'charlie'], [3, 'delta']]);
    expect(middle.total).toBe(6);
  });

  it('sorts on a connection that sits in IDLE, as a kept session connection does between requests', async () => {
    const { user } = await freshUser();
    const uids = await appendAll(user, 'INBOX', ['b', 'c', 'a'].map((subject) => ({ raw: rawMessage('a@example.com', user.address, subject) })));
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      const idling = imap.idle();
      await expect.poll(() => imap.idling).toBe(true);
      const lock = await imap.getMailboxLock('INBOX');
      try {
        expect(await uidSort(imap, 'SUBJECT', false, {})).toEqual([uids[2], uids[0], uids[1]]);
      } finally {
        lock.release();
      }
      await idling;
    } finally {
      await imap.logout();
    }
  });

  it('lists newest first as the reverse of UID order when nothing is asked', async () => {
    const { user, signedIn } = await freshUser();
    const uids = await appendAll(user, 'INBOX', ['eins', 'zwei', 'drei', 'vier'].map((subject) => ({ raw: rawMessage('a@example.com', user.address, subject) })));
    const list = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
    expect(uidsOf(list)).toEqual([...uids].reverse());
    expect(list.rows.map((row) => row.subject)).toEqual(['vier', 'drei', 'zwei', 'eins']);
  });
});

describe('search and filters', () => {
  it('finds by sender, recipient, subject and body exactly the messages with the word', async () => {
    const { user, signedIn } = await freshUser();
    const [inFrom, inSubject, inBody, inCc, nowhere] = [uniqueWord('absender'), uniqueWord('betreff'), uniqueWord('inhalt'), uniqueWord('kopie'), uniqueWord('nichts')];
    const uids = await appendAll(user, 'INBOX', [
      { raw: rawMessage(`"Frau ${inFrom}" <frau@example.com>`, user.address, 'Hallo') },
      { raw: rawMessage('b@example.com', user.address, `Wegen ${inSubject} morgen`) },
      { raw: rawMessage('c@example.com', user.address, 'Bericht', `Im Text steht ${inBody} mittendrin.`) },
      { raw: rawMessage('d@example.com', user.address, 'Kopie').replace('Subject:', `Cc: ${inCc}@example.com\r\nSubject:`) },
      { raw: rawMessage('e@example.com', user.address, `${inSubject} und ${inBody}`) },
      { raw: rawMessage('f@example.com', user.address, 'Nichts davon') },
    ]);
    const search = async (q: string, sort?: 'subject') =>
      uidsOf(await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, q, ...(sort ? { sort, order: 'asc' as const } : {}) }));
    expect(await search(inFrom)).toEqual([uids[0]]);
    expect(await search(inSubject)).toEqual([uids[4], uids[1]]);
    expect(await search(inBody)).toEqual([uids[4], uids[2]]);
    expect(await search(inCc)).toEqual([uids[3]]);
    expect(await search(nowhere)).toEqual([]);
    // "<word> und …" sorts before "Wegen <word> …"
    expect(await search(inSubject, 'subject')).toEqual([uids[4], uids[1]]);
  });

  it('finds words with umlauts in subjects and bodies (UTF-8 search)', async () => {
    const { user, signedIn } = await freshUser();
    const word = `Grüße${uniqueWord('')}`;
    const raw = await composeMessage({ from: 'Jörg <j@example.com>', to: user.address, subject: `Viele ${word}`, text: `Körper mit ${word}.` });
    const [uid] = await appendAll(user, 'INBOX', [{ raw }, { raw: rawMessage('x@example.com', user.address, 'anders') }]);
    const found = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, q: word.toLowerCase() });
    expect(uidsOf(found)).toEqual([uid]);
  });

  it('filters unread and flagged, also combined with a search, and follows flag changes made elsewhere', async () => {
    const { user, signedIn } = await freshUser();
    const word = uniqueWord('filter');
    const uids = await appendAll(user, 'INBOX', [
      { raw: rawMessage('a@example.com', user.address, `${word} eins`), flags: ['\\Seen'] },
      { raw: rawMessage('a@example.com', user.address, `${word} zwei`) },
      { raw: rawMessage('a@example.com', user.address, 'drei'), flags: ['\\Flagged'] },
      { raw: rawMessage('a@example.com', user.address, `${word} vier`), flags: ['\\Seen', '\\Flagged'] },
    ]);
    const list = async (query: object) => uidsOf(await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, ...query }));
    expect(await list({ filter: 'unread' })).toEqual([uids[2], uids[1]]);
    expect(await list({ filter: 'flagged' })).toEqual([uids[3], uids[2]]);
    expect(await list({ filter: 'all' })).toEqual([...uids].reverse());
    expect(await list({ filter: 'unread', q: word })).toEqual([uids[1]]);
    expect(await list({ filter: 'flagged', q: word, sort: 'subject', order: 'asc' })).toEqual([uids[3]]);

    const imap = await imapAs(user);
    await imap.mailboxOpen('INBOX');
    await imap.messageFlagsAdd(String(uids[1]), ['\\Seen'], { uid: true });
    await imap.logout();
    expect(await list({ filter: 'unread' })).toEqual([uids[2]]);
    const state = (await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 1 })).folder;
    expect(state.unread).toBe(1);
  });
});

describe('rows', () => {
  it('carry decoded umlaut subjects and names, addresses, flags, size and the Date header', async () => {
    const { user, signedIn } = await freshUser();
    const raw = [
      'From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.com>',
      `To: =?UTF-8?B?w4RubmUgS8O2aGxlcg==?= <${user.address}>, bob@example.com`,
      'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=',
      'Date: Tue, 05 Mar 2024 09:30:00 +0100',
      'Message-ID: <umlaut-1@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hallo!',
      '',
    ].join('\r\n');
    const [uid] = await appendAll(user, 'INBOX', [{ raw, flags: ['\\Answered', '$Forwarded'] }]);
    const [row] = (await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 })).rows;
    expect(row).toEqual({
      uid,
      position: 0,
      subject: 'Grüße aus Köln',
      from: { name: 'Jörg Müller', address: 'joerg@example.com' },
      to: [{ name: 'Änne Köhler', address: user.address }, { name: '', address: 'bob@example.com' }],
      date: '2024-03-05T08:30:00.000Z',
      size: Buffer.byteLength(raw),
      flags: { seen: false, flagged: false, answered: true, forwarded: true, draft: false },
      hasAttachment: false,
      messageId: '<umlaut-1@example.com>',
    });
  });

  it('mark attachments, but neither plain text nor images the HTML shows inline', async () => {
    const { user, signedIn } = await freshUser();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const uids = await appendAll(user, 'INBOX', [
      { raw: await composeMessage({ from: 'a@example.com', to: user.address, subject: 'plain', text: 'nur Text' }) },
      { raw: await composeMessage({ from: 'a@example.com', to: user.address, subject: 'alternative', text: 'Text', html: '<p>Text</p>' }) },
      {
        raw: await composeMessage({
          from: 'a@example.com', to: user.address, subject: 'inline image', html: '<p><img src="cid:logo@example.com"></p>',
          attachments: [{ filename: 'logo.png', content: png, cid: 'logo@example.com' }],
        }),
      },
      { raw: await composeMessage({ from: 'a@example.com', to: user.address, subject: 'attached', text: 'anbei', attachments: [{ filename: 'Rechnung.pdf', content: Buffer.from('%PDF-1.4') }] }) },
      {
        raw: await composeMessage({
          from: 'a@example.com', to: user.address, subject: 'both', html: '<img src="cid:logo@example.com">',
          attachments: [{ filename: 'logo.png', content: png, cid: 'logo@example.com' }, { filename: 'Liste.csv', content: 'a;b\n' }],
        }),
      },
    ]);
    const rows = (await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, order: 'asc' })).rows;
    expect(rows.map((row) => [row.uid, row.subject, row.hasAttachment])).toEqual([
      [uids[0], 'plain', false],
      [uids[1], 'alternative', false],
      [uids[2], 'inline image', false],
      [uids[3], 'attached', true],
      [uids[4], 'both', true],
    ]);
  });
});

describe('a folder that stays selected between requests', () => {
  it('still shows new and expunged messages and new flags from other clients, in plain and sorted lists', async () => {
    const { user, signedIn } = await freshUser();
    const [first] = await appendAll(user, 'INBOX', [{ raw: rawMessage('a@example.com', user.address, 'b-erste') }]);
    const plain = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
    const sorted = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, sort: 'subject' });
    expect([uidsOf(plain), uidsOf(sorted)]).toEqual([[first], [first]]);

    const [second] = await appendAll(user, 'INBOX', [{ raw: rawMessage('a@example.com', user.address, 'a-zweite') }]);
    const afterAppend = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
    expect(uidsOf(afterAppend)).toEqual([second, first]);
    expect(afterAppend.folder.uidNext).toBeGreaterThan(plain.folder.uidNext);
    expect(afterAppend.folder.unread).toBe(2);
    expect(uidsOf(await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, sort: 'subject' }))).toEqual([first, second]);

    const imap = await imapAs(user);
    await imap.mailboxOpen('INBOX');
    await imap.messageFlagsAdd(String(first), ['\\Seen'], { uid: true });
    await imap.messageDelete(String(second), { uid: true });
    await imap.logout();
    const afterExpunge = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
    expect(afterExpunge.total).toBe(1);
    expect(afterExpunge.rows.map((row) => [row.uid, row.flags.seen])).toEqual([[first, true]]);
    expect(BigInt(afterExpunge.folder.highestModseq)).toBeGreaterThan(BigInt(afterAppend.folder.highestModseq));
    expect(uidsOf(await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50, sort: 'subject' }))).toEqual([first]);
  });
});

describe('refusals', () => {
  it('refuses malformed queries with BAD_REQUEST and an unknown folder with FOLDER_NOT_FOUND', async () => {
    const bad = [
      { folder: 'INBOX', limit: 0 }, { folder: 'INBOX', limit: 201 }, { folder: 'INBOX', offset: -1 }, { folder: 'IN\nBOX' },
      { folder: '' }, { folder: 'INBOX', q: 'x'.repeat(201) }, { folder: 'INBOX', sort: 'colour' }, { folder: 'INBOX', filter: 'read' },
      { folder: 'x'.repeat(1001) },
    ];
    for (const query of bad) {
      const response = await getAs(gateway, bigSession, listUrl(query as never));
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().error.code).toBe('BAD_REQUEST');
    }
    const missing = await getAs(gateway, bigSession, listUrl({ folder: 'Gibt es nicht' }));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('FOLDER_NOT_FOUND');
  });

  it('needs a session', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: listUrl({ folder: 'INBOX' }) });
    expect(response.statusCode).toBe(401);
  });
});
