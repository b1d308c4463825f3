// Preparing answers from a parsed original: one prefix, quotes that nest, reply-all without
// oneself and without duplicates, threading chains that stay bounded, draft back-references.
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { draftOriginalHeader, originalFromDraft } from '../../server/mail/draft-original.js';
import { threadingFrom } from '../../server/mail/original.js';
import { baseSubject, composeSubject, plainTextOf, quoteLines, replyRecipients, startContent } from '../../server/mail/reply-content.js';

const parse = (lines: string[]) => PostalMime.parse(lines.join('\r\n'));

describe('subjects', () => {
  it.each([
    ['Projekt', 'Projekt'],
    ['Re: Projekt', 'Projekt'],
    ['AW: Re: WG: Projekt', 'Projekt'],
    ['RE[2]: Fwd: Projekt', 'Projekt'],
    ['Fw: Antw: Projekt', 'Projekt'],
    ['Reise: Plan', 'Reise: Plan'],
    ['  ', ''],
  ])('%j → %j', (subject, base) => {
    expect(baseSubject(subject)).toBe(base);
  });

  it('puts exactly one prefix in front', () => {
    expect(composeSubject('reply', 'AW: Re: Projekt')).toBe('Re: Projekt');
    expect(composeSubject('replyAll', 'Projekt')).toBe('Re: Projekt');
    expect(composeSubject('forward', 'Re: Projekt')).toBe('Fwd: Projekt');
  });
});

describe('quoting', () => {
  it('quotes every line and nests quotes without a space (RFC 3676 §4.5)', () => {
    expect(quoteLines('Hallo\n> alt\n\nEnde\n\n')).toBe('> Hallo\n>> alt\n>\n> Ende');
  });

  it('quotes the text of an HTML-only message', async () => {
    const email = await parse(['From: a@example.com', 'Content-Type: text/html; charset=utf-8', '', '<p>Erste &amp; <b>zweite</b></p><p>Zeile<br>drei</p><script>x()</script>']);
    expect(plainTextOf(email)).toBe('Erste & zweite\nZeile\ndrei');
  });

  it('writes the attribution in the asked language and time zone', async () => {
    const email = await parse(['From: Jürgen <j@example.com>', 'Date: Thu, 05 Mar 2026 13:03:00 +0000', 'Subject: Plan', '', 'Text']);
    const de = startContent(email, 'reply', 'me@example.com', { locale: 'de', timeZone: 'Europe/Berlin' });
    expect(de.text).toContain('Am 05.03.2026, 14:03 schrieb Jürgen:\n> Text');
    const en = startContent(email, 'reply', 'me@example.com', { locale: 'en', timeZone: 'UTC' });
    expect(en.text).toContain('On 5 Mar 2026, 13:03, Jürgen wrote:\n> Text');
  });
});

describe('recipients', () => {
  const original = [
    'From: Bob <bob@example.com>',
    'Reply-To: Liste <list@example.com>',
    'To: Me <ME@Example.com>, carol@example.com, Bob <BOB@example.com>',
    'Cc: dave@example.com, Carol <CAROL@example.com>, me@example.com',
    'Subject: x',
    '',
    'y',
  ];

  it('answers the Reply-To, and reply-all everyone else once, never oneself', async () => {
    const email = await parse(original);
    expect(replyRecipients(email, 'reply', 'me@example.com')).toEqual({ to: [{ name: 'Liste', address: 'list@example.com' }], cc: [] });
    const all = replyRecipients(email, 'replyAll', 'Me@example.com');
    expect(all.to.map((m) => m.address)).toEqual(['list@example.com', 'carol@example.com', 'BOB@example.com']);
    expect(all.cc.map((m) => m.address)).toEqual(['dave@example.com']);
  });

  it('answers one’s own sent message to its recipients', async () => {
    const email = await parse(['From: me@example.com', 'To: bob@example.com', 'Subject: x', '', 'y']);
    expect(replyRecipients(email, 'reply', 'me@example.com').to).toEqual([{ name: '', address: 'bob@example.com' }]);
  });
});

describe('threading', () => {
  it('chains References and keeps the root when the chain grows long', () => {
    expect(threadingFrom('<c@x>', '<a@x> <b@x>', '<b@x>')).toEqual({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] });
    expect(threadingFrom('<c@x>', '', '<b@x>')).toEqual({ inReplyTo: '<c@x>', references: ['<b@x>', '<c@x>'] });
    expect(threadingFrom(null, '<a@x>', null)).toBeNull();
    const long = Array.from({ length: 60 }, (_, i) => `<m${i}@x>`).join(' ');
    const chain = threadingFrom('<last@x>', long, null)!.references;
    expect(chain).toHaveLength(30);
    expect(chain[0]).toBe('<m0@x>');
    expect(chain.at(-1)).toBe('<last@x>');
  });

  it('remembers the original of a draft in a header it can read back', async () => {
    const original = { folder: 'Projekte/Ä & B', uid: 42, kind: 'replyAll' as const };
    const email = await parse([`X-Webmail-Original: ${draftOriginalHeader(original)}`, 'Subject: x', '', 'y']);
    expect(originalFromDraft(email)).toEqual(original);
    expect(originalFromDraft(await parse(['X-Webmail-Original: delete; uid=1; folder=INBOX', '', 'y']))).toBeNull();
  });
});
