// Autoresponder, forwarding and spam handling set through the gateway end up in the user's Sieve
// script on the real Dovecot/Pigeonhole (over ManageSieve with STARTTLS), and real mail sent
// through Postfix then behaves accordingly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { connectManageSieve } from '../../server/sieve/managesieve.js';
import { DEFAULT_MAILBOX_SETTINGS, SETTINGS_API, isoDay, type MailboxSettings, type MailboxSettingsState } from '../../src/shared/mailbox-settings.js';
import { freshClientAddress, sessionOf, startGateway, withSession, type SignedIn, type TestGateway } from '../support/gateway.js';
import { folderSubjects } from '../support/messages.js';
import { createUsers, imapAs, mailstack, sendViaPostfix, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway.close();
});

async function signIn(user: TestUser): Promise<SignedIn> {
  return sessionOf(await gateway.signIn(user, { from: freshClientAddress() }));
}

function settingsWith(change: (s: MailboxSettings) => void): MailboxSettings {
  const settings = structuredClone(DEFAULT_MAILBOX_SETTINGS);
  change(settings);
  return settings;
}

async function save(signedIn: SignedIn, settings: MailboxSettings, replaceActive?: boolean) {
  return gateway.app.inject({
    method: 'PUT', url: SETTINGS_API.settings, headers: withSession(signedIn),
    payload: { settings, ...(replaceActive === undefined ? {} : { replaceActive }) },
  });
}

async function read(signedIn: SignedIn): Promise<MailboxSettingsState> {
  const response = await gateway.app.inject({ method: 'GET', url: SETTINGS_API.settings, headers: withSession(signedIn) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

function day(offset: number): string {
  return isoDay(new Date(Date.now() + offset * 86_400_000));
}

async function bodyOf(user: TestUser, subject: string): Promise<string> {
  const client: ImapFlow = await imapAs(user);
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const uids = await client.search({ subject }, { uid: true });
      const message = await client.fetchOne(String((uids as number[]).at(-1)), { source: true }, { uid: true });
      return message ? message.source!.toString('utf8') : '';
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

const eventually = { timeout: 20_000, interval: 200 };

/**
 * Waits until Postfix has nothing left in its queue for this test: mail that was going to be
 * sent (a vacation reply, a redirect) has then been delivered or bounced.
 */
async function queueSettled(): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const run = promisify(execFile);
  await expect.poll(async () => {
    const { stdout } = await run('postqueue', ['-c', mailstack().env.POSTFIX_DIR!, '-p'], { env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
    return /Mail queue is empty/.test(stdout);
  }, eventually).toBe(true);
}

describe('mailbox settings through Sieve', () => {
  it('answers mail inside the autoresponder’s dates with the prefix and text, and stays quiet outside them', async () => {
    const [alice, bob, dora] = await createUsers(3, 'sieve');
    const signedIn = await signIn(alice!);
    const saved = await save(signedIn, settingsWith((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Abwesend:', message: 'Ich bin bis Montag im Urlaub.\nGrüße, "Alice" \\ ${1}', startDate: day(-1), endDate: day(1), afterEnd: 'deactivate' };
    }));
    expect(saved.statusCode, saved.body).toBe(200);
    const state = saved.json() as MailboxSettingsState;
    expect(state.applied).toBe(true);
    expect(state.editedElsewhere).toBe(false);
    expect(state.settings.autoresponder.subjectPrefix).toBe('Abwesend:');

    await sendViaPostfix(bob!, alice!.address, 'Treffen am Freitag');
    await expect.poll(() => folderSubjects(bob!), eventually).toContain('Abwesend: Treffen am Freitag');
    const reply = await bodyOf(bob!, 'Abwesend: Treffen am Freitag');
    expect(reply).toMatch(/^Auto-Submitted: auto-replied/im);
    // User text arrives as typed: quotes, backslash and a "${1}" that Sieve must not expand.
    expect(reply).toContain('Ich bin bis Montag im Urlaub.');
    expect(reply).toContain('Grüße, "Alice" \\ ${1}');
    expect(await folderSubjects(alice!)).toContain('Treffen am Freitag');

    // Starting tomorrow: dora's mail arrives, and no answer goes out.
    const later = await save(signedIn, settingsWith((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Abwesend:', message: 'Später im Urlaub.', startDate: day(1), endDate: day(5), afterEnd: 'deactivate' };
    }));
    expect(later.statusCode, later.body).toBe(200);
    await sendViaPostfix(dora!, alice!.address, 'Noch eine Frage');
    await expect.poll(() => folderSubjects(alice!), eventually).toContain('Noch eine Frage');
    await queueSettled();
    expect(await folderSubjects(dora!)).toEqual([]);
  });

  it('forwards to carol with a copy kept, and without one only to carol', async () => {
    const [alice, bob, carol] = await createUsers(3, 'sieve');
    const signedIn = await signIn(alice!);
    const withCopy = await save(signedIn, settingsWith((s) => {
      s.forwarding = { targets: [carol!.address], keepCopy: true };
    }));
    expect(withCopy.statusCode, withCopy.body).toBe(200);
    await sendViaPostfix(bob!, alice!.address, 'Mit Kopie');
    await expect.poll(() => folderSubjects(carol!), eventually).toContain('Mit Kopie');
    await expect.poll(() => folderSubjects(alice!), eventually).toContain('Mit Kopie');

    const withoutCopy = await save(signedIn, settingsWith((s) => {
      s.forwarding = { targets: [carol!.address], keepCopy: false };
    }));
    expect(withoutCopy.statusCode, withoutCopy.body).toBe(200);
    expect((withoutCopy.json() as MailboxSettingsState).settings.forwarding).toEqual({ targets: [carol!.address], keepCopy: false });
    await sendViaPostfix(bob!, alice!.address, 'Ohne Kopie');
    await expect.poll(() => folderSubjects(carol!), eventually).toContain('Ohne Kopie');
    await queueSettled();
    expect(await folderSubjects(alice!)).not.toContain('Ohne Kopie');

    // Spam is never forwarded, even with "deliver": it stays here, carol never sees it.
    await sendViaPostfix(bob!, alice!.address, 'Werbung für Carol', 'Kaufen!', { 'X-Spam-Flag': 'YES' });
    await expect.poll(() => folderSubjects(alice!), eventually).toContain('Werbung für Carol');
    await queueSettled();
    expect(await folderSubjects(carol!)).not.toContain('Werbung für Carol');
  });

  it('moves mail flagged as spam to Junk when so chosen, and lets clean mail through', async () => {
    const [alice, bob] = await createUsers(2, 'sieve');
    const signedIn = await signIn(alice!);
    expect((await save(signedIn, settingsWith((s) => { s.spam = 'junk'; }))).statusCode).toBe(200);
    await sendViaPostfix(bob!, alice!.address, 'Billige Uhren', 'Kaufen!', { 'X-Spam-Flag': 'YES' });
    await sendViaPostfix(bob!, alice!.address, 'Echte Nachricht');
    await expect.poll(() => folderSubjects(alice!, 'Junk'), eventually).toContain('Billige Uhren');
    await expect.poll(() => folderSubjects(alice!), eventually).toContain('Echte Nachricht');
    expect(await folderSubjects(alice!)).not.toContain('Billige Uhren');
  });

  it('leaves the user’s own script alone, and replaces it as the active one only when told to', async () => {
    const [alice] = await createUsers(1, 'sieve');
    const stack = mailstack();
    const own = 'require ["fileinto"];\r\n# mine\r\nif header :contains "subject" "Rechnung" { fileinto "INBOX"; }\r\n';
    const direct = await connectManageSieve({ host: '127.0.0.1', port: stack.managesievePort, security: 'none', tlsVerify: false, user: alice!.address, password: alice!.password });
    await direct.putScript('meine-regeln', own);
    await direct.setActive('meine-regeln');
    await direct.logout();

    const signedIn = await signIn(alice!);
    const before = await read(signedIn);
    expect(before).toMatchObject({ applied: false, otherActiveScript: 'meine-regeln', otherScripts: ['meine-regeln'] });

    const settings = settingsWith((s) => { s.spam = 'discard'; });
    const refused = await save(signedIn, settings);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'OTHER_SCRIPT_ACTIVE', detail: 'meine-regeln' });

    const replaced = await save(signedIn, settings, true);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ applied: true, otherActiveScript: null, otherScripts: ['meine-regeln'], settings: { spam: 'discard' } });
    // A second save keeps it all the same.
    expect((await save(signedIn, settingsWith((s) => { s.spam = 'junk'; }))).statusCode).toBe(200);

    const check = await connectManageSieve({ host: '127.0.0.1', port: stack.managesievePort, security: 'none', tlsVerify: false, user: alice!.address, password: alice!.password });
    expect(await check.getScript('meine-regeln')).toBe(own);
    expect(await check.listScripts()).toEqual(expect.arrayContaining([{ name: 'meine-regeln', active: false }, { name: 'webmail', active: true }]));
    await check.logout();
  });

  it('refuses bad settings with codes and changes nothing', async () => {
    const [alice] = await createUsers(1, 'sieve');
    const signedIn = await signIn(alice!);
    const cases: [MailboxSettings, string][] = [
      [settingsWith((s) => { s.forwarding.targets = [alice!.address.toUpperCase()]; }), 'FORWARD_TO_SELF'],
      [settingsWith((s) => { s.forwarding.targets = Array.from({ length: 21 }, (_, i) => `f${i}@example.org`); }), 'FORWARD_TOO_MANY'],
      [settingsWith((s) => { s.forwarding.targets = ['nicht eine adresse']; }), 'FORWARD_ADDRESS_INVALID'],
      [settingsWith((s) => { s.autoresponder.active = true; s.autoresponder.message = '  '; }), 'AUTORESPONDER_MESSAGE_MISSING'],
      [settingsWith((s) => { s.autoresponder.startDate = '2026-02-30'; }), 'DATE_INVALID'],
      [settingsWith((s) => { s.autoresponder.startDate = '2026-12-10'; s.autoresponder.endDate = '2026-12-01'; }), 'DATE_RANGE_INVALID'],
    ];
    for (const [settings, code] of cases) {
      const response = await save(signedIn, settings);
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
    }
    expect(await read(signedIn)).toMatchObject({ applied: false, otherScripts: [], settings: DEFAULT_MAILBOX_SETTINGS });
    const noToken = await gateway.app.inject({ method: 'PUT', url: SETTINGS_API.settings, headers: withSession(signedIn, false), payload: { settings: DEFAULT_MAILBOX_SETTINGS } });
    expect(noToken.statusCode).toBe(403);
  });

  it('switches an autoresponder off, or deletes it, after its last day', async () => {
    const [alice] = await createUsers(1, 'sieve');
    const signedIn = await signIn(alice!);
    const past = settingsWith((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Weg:', message: 'Bin weg.', startDate: day(-10), endDate: day(-2), afterEnd: 'deactivate' };
    });
    expect((await save(signedIn, past)).statusCode).toBe(200);
    const deactivated = await read(signedIn);
    expect(deactivated.expiredApplied).toBe(true);
    expect(deactivated.settings.autoresponder).toMatchObject({ active: false, message: 'Bin weg.' });

    past.autoresponder.afterEnd = 'delete';
    expect((await save(signedIn, past)).statusCode).toBe(200);
    const deleted = await read(signedIn);
    expect(deleted.expiredApplied).toBe(true);
    expect(deleted.settings.autoresponder).toMatchObject({ active: false, message: '', endDate: null });
    expect((await read(signedIn)).expiredApplied).toBe(false);
  });

  it('refuses a ManageSieve server whose certificate it cannot verify, sending no password', async () => {
    const strict = await startGateway({ MANAGESIEVE_TLS_VERIFY: 'true' });
    try {
      const [alice] = await createUsers(1, 'sieve');
      const signedIn = sessionOf(await strict.signIn(alice!, { from: freshClientAddress() }));
      const response = await strict.app.inject({ method: 'GET', url: SETTINGS_API.settings, headers: withSession(signedIn) });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('MAIL_SERVER_UNAVAILABLE');
      const { readFileSync } = await import('node:fs');
      const log = readFileSync(mailstack().dovecotLog, 'utf8').split('\n').filter((line) => line.includes('managesieve') && line.includes(alice!.address));
      expect(log).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('reports the quota as used of total', async () => {
    const [alice] = await createUsers(1, 'sieve');
    const signedIn = await signIn(alice!);
    const client = await imapAs(alice!);
    await client.append('INBOX', `Subject: Groß\r\n\r\n${'x'.repeat(200_000)}\r\n`);
    await client.logout();
    const response = await gateway.app.inject({ method: 'GET', url: SETTINGS_API.quota, headers: withSession(signedIn) });
    expect(response.statusCode).toBe(200);
    const { storage } = response.json();
    expect(storage.limitBytes).toBe(1024 ** 3);
    expect(storage.usedBytes).toBeGreaterThanOrEqual(200_000);
    expect(storage.usedBytes).toBeLessThan(400_000);
  });
});
