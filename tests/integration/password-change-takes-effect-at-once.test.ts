// Self-service password change against the real Dovecot passwd-file: the new password holds at
// once for IMAP and SMTP, the old one never lingers, nothing else in the file moves.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api.js';
import { freshClientAddress, sessionOf, startGateway, withSession, type TestGateway } from '../support/gateway.js';
import { canLogIn, createUser, createUsers, mailstack, type TestUser } from '../support/mailstack.js';

const settings = () => ({ PASSWORD_BACKEND: 'passwd-file', PASSWD_FILE: mailstack().passwdFile });
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway(settings());
});
afterAll(() => gateway.close());

const newPassword = () => `neues Passwort ${Math.random().toString(36).slice(2, 12)} Lärche`;
const passwdLines = () => readFileSync(mailstack().passwdFile, 'utf8').split('\n');
const linesOfOthers = (user: TestUser) => passwdLines().filter((l) => !l.toLowerCase().startsWith(`${user.address}:`) && !l.startsWith('# mailstack-pad'));

async function change(signedIn: ReturnType<typeof sessionOf>, currentPassword: string, next: string, from = '127.0.0.1') {
  return gateway.app.inject({ method: 'POST', url: API.password, remoteAddress: from, headers: withSession(signedIn), payload: { currentPassword, newPassword: next } });
}

async function smtpAccepts(user: TestUser): Promise<boolean> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailstack().submissionPort, secure: false, ignoreTLS: true, auth: { user: user.address, pass: user.password } });
  try {
    return await transport.verify();
  } catch (error) {
    if ((error as { responseCode?: number }).responseCode === 535) return false;
    throw error;
  } finally {
    transport.close();
  }
}

describe('password change in the SPA (API)', () => {
  it('makes the new password work and the old one fail at once, for IMAP and SMTP, twice in a row', async () => {
    const user = await createUser('pw');
    const signedIn = sessionOf(await gateway.signIn(user));
    let current = user.password;
    for (let round = 0; round < 2; round++) {
      const next = newPassword();
      const response = await change(signedIn, current, next);
      expect(response.statusCode, response.body).toBe(204);
      expect(await canLogIn({ ...user, password: current })).toBe(false);
      expect(await canLogIn({ ...user, password: next })).toBe(true);
      expect(await smtpAccepts({ ...user, password: next })).toBe(true);
      expect(await smtpAccepts({ ...user, password: current })).toBe(false);
      current = next;
    }
  });

  it('touches no other line of the passwd-file, byte for byte', async () => {
    const [user] = await createUsers(1, 'pw');
    const before = linesOfOthers(user!);
    const signedIn = sessionOf(await gateway.signIn(user!));
    expect((await change(signedIn, user!.password, newPassword())).statusCode).toBe(204);
    expect(linesOfOthers(user!)).toEqual(before);
    expect(before.length).toBeGreaterThan(1);
  });

  it('keeps the current session with the new password and ends the other sessions', async () => {
    const user = await createUser('pw');
    const here = sessionOf(await gateway.signIn(user));
    const elsewhere = sessionOf(await gateway.signIn(user));
    const next = newPassword();
    expect((await change(here, user.password, next)).statusCode).toBe(204);
    expect((await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(elsewhere, false) })).statusCode).toBe(401);
    expect((await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(here, false) })).statusCode).toBe(200);
  });

  it('changes nothing for a wrong current password, and says which was wrong', async () => {
    const user = await createUser('pw');
    const before = readFileSync(mailstack().passwdFile);
    const signedIn = sessionOf(await gateway.signIn(user));
    const response = await change(signedIn, `${user.password}!`, newPassword());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    expect(readFileSync(mailstack().passwdFile).equals(before)).toBe(true);
    expect(await canLogIn(user)).toBe(true);
  });

  it('refuses a weak new password with every reason and changes nothing', async () => {
    const user = await createUser('pw');
    const before = readFileSync(mailstack().passwdFile);
    const signedIn = sessionOf(await gateway.signIn(user));
    const short = await change(signedIn, user.password, 'kurz');
    expect(short.statusCode).toBe(422);
    expect(short.json().error).toMatchObject({ code: 'PASSWORD_TOO_SHORT', problems: ['PASSWORD_TOO_SHORT'] });
    const local = user.address.split('@')[0]!;
    const same = await change(signedIn, user.password, user.password);
    expect(same.json().error.problems).toContain('PASSWORD_UNCHANGED');
    const common = await change(signedIn, user.password, 'passwortpasswort');
    expect(common.json().error.problems).toEqual(['PASSWORD_COMMON']);
    const name = await change(signedIn, user.password, local.toUpperCase());
    expect(name.json().error.problems).toContain('PASSWORD_IS_MAILBOX');
    expect(readFileSync(mailstack().passwdFile).equals(before)).toBe(true);
  });

  it('lets 20 users change their passwords at the same moment, and every change holds', async () => {
    const users = await createUsers(20, 'crowd');
    // Twenty people, twenty addresses: guesses from one address in parallel are throttled at once.
    const addresses = users.map(() => freshClientAddress());
    const sessions = await Promise.all(users.map(async (user, i) => sessionOf(await gateway.signIn(user, { from: addresses[i] }))));
    const nextPasswords = users.map(() => newPassword());
    const responses = await Promise.all(users.map((user, i) => change(sessions[i]!, user.password, nextPasswords[i]!, addresses[i])));
    expect(responses.map((r) => r.statusCode)).toEqual(users.map(() => 204));
    const results = await Promise.all(users.map(async (user, i) => [await canLogIn({ ...user, password: nextPasswords[i]! }), await canLogIn(user)]));
    expect(results).toEqual(users.map(() => [true, false]));
  });
});

describe('a failure in the middle of a change', () => {
  it('leaves the old file intact when writing fails before the rename', async () => {
    const failing = await startGateway(settings());
    // A second gateway whose backend fails between writing the temp file and renaming it.
    const { buildApp } = await import('../../server/app.js');
    const { testConfig } = await import('../support/mailstack.js');
    const app = await buildApp(testConfig(settings()), {
      logger: false,
      passwdFileHooks: { beforeRename: async () => { throw new Error('disk full (simulated)'); } },
    });
    try {
      const user = await createUser('pw');
      const before = readFileSync(mailstack().passwdFile);
      const login = await app.inject({ method: 'POST', url: API.session, payload: { username: user.address, password: user.password } });
      const signedIn = sessionOf(login);
      const response = await app.inject({ method: 'POST', url: API.password, headers: withSession(signedIn), payload: { currentPassword: user.password, newPassword: newPassword() } });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('PASSWORD_CHANGE_UNAVAILABLE');
      expect(readFileSync(mailstack().passwdFile).equals(before)).toBe(true);
      const dir = dirname(mailstack().passwdFile);
      expect(readdirSync(dir).filter((name) => name.startsWith('.users.'))).toEqual([]);
      expect(await canLogIn(user)).toBe(true);
    } finally {
      await app.close();
      await failing.close();
    }
  });
});
