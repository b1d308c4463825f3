// The ManageSieve client against protocol transcripts (RFC 5804 examples and Dovecot's answers).
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManageSieveClient, ManageSieveError, encodeString, parseResponse } from '../../server/sieve/managesieve.js';

type Step = ['S' | 'C', string];

/** A scripted server: sends the S lines in turn, and checks that the client sent each C exactly. */
function scriptedServer(steps: Step[]): { stream: Duplex; done: Promise<void> } {
  const toClient = new PassThrough();
  const fromClient = new PassThrough();
  const stream = Duplex.from({ readable: toClient, writable: fromClient });
  const done = (async () => {
    let received = Buffer.alloc(0);
    const iterator = fromClient[Symbol.asyncIterator]();
    for (const [who, text] of steps) {
      if (who === 'S') {
        // Byte by byte, so every split point of the parser is exercised.
        for (const byte of Buffer.from(text)) toClient.write(Buffer.from([byte]));
        continue;
      }
      const expected = Buffer.from(text);
      while (received.length < expected.length) {
        const next = await iterator.next();
        if (next.done) throw new Error(`client closed; expected ${JSON.stringify(text)}`);
        received = Buffer.concat([received, next.value as Buffer]);
      }
      expect(received.subarray(0, expected.length).toString()).toBe(text);
      received = received.subarray(expected.length);
    }
  })();
  return { stream, done };
}

const GREETING = '"IMPLEMENTATION" "Dovecot Pigeonhole"\r\n"SIEVE" "fileinto vacation"\r\n"SASL" "PLAIN LOGIN"\r\n"STARTTLS"\r\n"VERSION" "1.0"\r\nOK "Dovecot ready."\r\n';

describe('ManageSieve client', () => {
  it('reads the capabilities, authenticates with PLAIN, lists, fetches and stores scripts', async () => {
    const script = 'require "vacation";\r\nvacation "Grüße";\r\n';
    const bytes = Buffer.byteLength(script);
    const { stream, done } = scriptedServer([
      ['S', GREETING],
      ['C', `AUTHENTICATE "PLAIN" "${Buffer.from('\0anna@example.com\0Pässwort "1"').toString('base64')}"\r\n`],
      ['S', 'OK "Logged in."\r\n'],
      ['C', 'LISTSCRIPTS\r\n'],
      ['S', '"summer_script"\r\n"vac\\"ation" ACTIVE\r\n{13}\r\nclever"script\r\nOK\r\n'],
      ['C', 'GETSCRIPT "webmail"\r\n'],
      ['S', `{${bytes}}\r\n${script}\r\nOK "Getscript completed."\r\n`],
      ['C', `PUTSCRIPT "webmail" {${bytes}+}\r\n${script}\r\n`],
      ['S', 'OK (WARNINGS) "line 2: warning: vacation without :days"\r\n'],
      ['C', 'SETACTIVE "webmail"\r\n'],
      ['S', 'OK\r\n'],
      ['C', 'LOGOUT\r\n'],
      ['S', 'OK "Logout completed."\r\n'],
    ]);
    const client = new ManageSieveClient(stream);
    await client.greeting();
    expect(client.capabilities.get('SASL')).toBe('PLAIN LOGIN');
    expect(client.capabilities.has('STARTTLS')).toBe(true);
    await client.authenticate('anna@example.com', 'Pässwort "1"');
    expect(await client.listScripts()).toEqual([
      { name: 'summer_script', active: false },
      { name: 'vac"ation', active: true },
      { name: 'clever"script', active: false },
    ]);
    expect(await client.getScript('webmail')).toBe(script);
    await client.putScript('webmail', script);
    await client.setActive('webmail');
    await client.logout();
    await done;
  });

  it('turns NO answers into errors that keep the server’s reason and code', async () => {
    const reason = 'line 3: error: unknown command \'fileinot\'.\r\nerror: validation failed.';
    const { stream, done } = scriptedServer([
      ['S', GREETING],
      ['C', 'CHECKSCRIPT {11+}\r\nfileinot;\r\n\r\n'],
      ['S', `NO {${Buffer.byteLength(reason)}}\r\n${reason}\r\n`],
      ['C', 'PUTSCRIPT "big" {4+}\r\nx;\r\n\r\n'],
      ['S', 'NO (QUOTA/MAXSIZE) "Script is too large."\r\n'],
      ['C', 'GETSCRIPT "gone"\r\n'],
      ['S', 'NO (NONEXISTENT) "Script does not exist."\r\n'],
      ['C', 'SETACTIVE "x"\r\n'],
      ['S', 'BYE "Too many invalid commands."\r\n'],
    ]);
    const client = new ManageSieveClient(stream);
    await client.greeting();
    await expect(client.checkScript('fileinot;\r\n')).rejects.toMatchObject({ status: 'NO', code: null, serverText: reason });
    await expect(client.putScript('big', 'x;\r\n')).rejects.toMatchObject({ status: 'NO', code: 'QUOTA/MAXSIZE', serverText: 'Script is too large.' });
    expect(await client.getScript('gone')).toBeNull();
    await expect(client.setActive('x')).rejects.toBeInstanceOf(ManageSieveError);
    await done;
  });

  it('refuses to authenticate where the server offers no PLAIN', async () => {
    const { stream, done } = scriptedServer([['S', '"SASL" "GSSAPI"\r\nOK\r\n']]);
    const client = new ManageSieveClient(stream);
    await client.greeting();
    await expect(client.authenticate('a@example.com', 'x')).rejects.toThrow(/no SASL PLAIN/);
    await done;
  });

  it('fails the waiting command when the connection drops, and every later one', async () => {
    const toClient = new PassThrough();
    const stream = Duplex.from({ readable: toClient, writable: new PassThrough() });
    const client = new ManageSieveClient(stream);
    toClient.write(GREETING);
    await client.greeting();
    const pending = client.listScripts();
    toClient.end();
    await expect(pending).rejects.toMatchObject({ status: null });
    await expect(client.listScripts()).rejects.toMatchObject({ status: null });
  });
});

describe('ManageSieve wire format', () => {
  it('waits for the whole response, whatever the split', () => {
    const wire = Buffer.from('"a b" ACTIVE\r\n{4}\r\nx\r\ny\r\n"c\\\\d"\r\nOK (TAG "7") "done"\r\n');
    for (let cut = 0; cut < wire.length; cut++) expect(parseResponse(wire.subarray(0, cut)), `cut at ${cut}`).toBeNull();
    const parsed = parseResponse(Buffer.concat([wire, Buffer.from('OK\r\n')]))!;
    expect(parsed.consumed).toBe(wire.length);
    expect(parsed.response).toEqual({
      lines: [
        [{ kind: 'string', value: 'a b' }, { kind: 'atom', value: 'ACTIVE' }],
        [{ kind: 'string', value: 'x\r\ny' }],
        [{ kind: 'string', value: 'c\\d' }],
      ],
      status: 'OK', code: 'TAG', text: 'done',
    });
  });

  it('rejects a line break inside a quoted string', () => {
    expect(() => parseResponse(Buffer.from('"a\r\nb"\r\nOK\r\n'))).toThrow();
  });

  it('quotes what it can and sends the rest as a literal counted in bytes', () => {
    expect(encodeString('mein "Skript"')).toBe('"mein \\"Skript\\""');
    expect(encodeString('zwei\r\nZeilen ä')).toBe('{15+}\r\nzwei\r\nZeilen ä');
  });
});

describe('ManageSieve failures in the user’s words', () => {
  it('maps a dropped connection, a quota, a refused login and a refused script to their codes', async () => {
    const { sieveFailure } = await import('../../server/sieve/service.js');
    expect(sieveFailure(new ManageSieveError(null, null, null, 'connect failed'), 'connect').code).toBe('MAIL_SERVER_UNAVAILABLE');
    expect(sieveFailure(new ManageSieveError('NO', 'QUOTA/MAXSCRIPTS', 'Too many scripts', 'x'), 'put').code).toBe('FILTER_QUOTA');
    expect(sieveFailure(new ManageSieveError('NO', null, 'Authentication failed.', 'x'), 'authenticate').code).toBe('AUTH_FAILED');
    const refused = sieveFailure(new ManageSieveError('NO', null, 'line 4: error: unknown command', 'x'), 'check');
    expect([refused.code, refused.detail]).toEqual(['FILTER_REFUSED', 'line 4: error: unknown command']);
    expect(sieveFailure(new ManageSieveError('NO', null, 'odd', 'x'), 'list').code).toBe('MAIL_SERVER_ERROR');
    expect(sieveFailure(new TypeError('bug'), 'list').code).toBe('INTERNAL');
  });
});
