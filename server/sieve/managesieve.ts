// A small ManageSieve client (RFC 5804): the commands the webmail needs, over any duplex stream
// (a TCP socket, upgraded with STARTTLS; a scripted stream in the unit tests). No maintained
// npm package covers ManageSieve, and the protocol is small: lines of atoms, quoted strings and
// literals, ended by an OK, NO or BYE line.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';

export type Token = { kind: 'atom'; value: string } | { kind: 'string'; value: string };

export interface Response {
  /** Data lines before the status line (capabilities, script names, a script). */
  lines: Token[][];
  status: 'OK' | 'NO' | 'BYE';
  /** Response code without parentheses, e.g. "QUOTA/MAXSIZE", "WARNINGS", "NONEXISTENT". */
  code: string | null;
  /** Human-readable text of the status line. */
  text: string | null;
}

/** A NO or BYE from the server, or a broken connection (status null). */
export class ManageSieveError extends Error {
  constructor(
    readonly status: 'NO' | 'BYE' | null,
    readonly code: string | null,
    readonly serverText: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ManageSieveError';
  }
}

const CRLF = Buffer.from('\r\n');

/**
 * Parses one complete response at the start of `buffer`; null when more bytes are needed.
 * Throws on bytes that are not ManageSieve.
 */
export function parseResponse(buffer: Buffer): { response: Response; consumed: number } | null {
  const lines: Token[][] = [];
  let pos = 0;
  let line: Token[] = [];
  let statusCode: string | null = null;
  while (pos < buffer.length) {
    const byte = buffer[pos]!;
    if (byte === 0x20) {
      pos += 1;
    } else if (byte === 0x0d || byte === 0x0a) {
      // End of a line.
      if (byte === 0x0d) {
        if (pos + 1 >= buffer.length) return null;
        if (buffer[pos + 1] !== 0x0a) throw new Error('bare CR in a ManageSieve response');
        pos += 2;
      } else {
        pos += 1;
      }
      const first = line[0];
      if (first?.kind === 'atom' && /^(OK|NO|BYE)$/i.test(first.value)) {
        const text = line.slice(1).find((t) => t.kind === 'string')?.value ?? null;
        return { response: { lines, status: first.value.toUpperCase() as Response['status'], code: statusCode, text }, consumed: pos };
      }
      lines.push(line);
      line = [];
      statusCode = null;
    } else if (byte === 0x22) {
      // Quoted string: \" and \\ are the only escapes.
      let value = '';
      let i = pos + 1;
      let chunkStart = i;
      const parts: Buffer[] = [];
      for (;;) {
        if (i >= buffer.length) return null;
        const c = buffer[i]!;
        if (c === 0x5c) {
          if (i + 1 >= buffer.length) return null;
          parts.push(buffer.subarray(chunkStart, i), buffer.subarray(i + 1, i + 2));
          i += 2;
          chunkStart = i;
        } else if (c === 0x22) {
          parts.push(buffer.subarray(chunkStart, i));
          break;
        } else if (c === 0x0d || c === 0x0a) {
          throw new Error('line break inside a quoted ManageSieve string');
        } else {
          i += 1;
        }
      }
      value = Buffer.concat(parts).toString('utf8');
      line.push({ kind: 'string', value });
      pos = i + 1;
    } else if (byte === 0x7b) {
      // Literal {n} or {n+}, then CRLF, then n bytes.
      const close = buffer.indexOf(0x7d, pos);
      if (close === -1) return null;
      const match = /^\{(\d{1,9})\+?\}$/.exec(buffer.subarray(pos, close + 1).toString('latin1'));
      if (!match) throw new Error('malformed literal in a ManageSieve response');
      const size = Number(match[1]);
      if (buffer.length < close + 3) return null;
      if (buffer[close + 1] !== 0x0d || buffer[close + 2] !== 0x0a) throw new Error('literal not followed by CRLF');
      const start = close + 3;
      if (buffer.length < start + size) return null;
      line.push({ kind: 'string', value: buffer.subarray(start, start + size).toString('utf8') });
      pos = start + size;
    } else if (byte === 0x28) {
      // Response code: (CODE) or (CODE "arg") — the code is what the client acts on.
      let depth = 0;
      let i = pos;
      let quoted = false;
      for (; i < buffer.length; i += 1) {
        const c = buffer[i]!;
        if (quoted) {
          if (c === 0x5c) i += 1;
          else if (c === 0x22) quoted = false;
        } else if (c === 0x22) quoted = true;
        else if (c === 0x28) depth += 1;
        else if (c === 0x29 && --depth === 0) break;
        else if (c === 0x0d || c === 0x0a) throw new Error('line break inside a ManageSieve response code');
      }
      if (i >= buffer.length) return null;
      statusCode = /^\(([^\s)]+)/.exec(buffer.subarray(pos, i + 1).toString('utf8'))?.[1]?.toUpperCase() ?? null;
      pos = i + 1;
    } else {
      let i = pos;
      while (i < buffer.length && ![0x20, 0x0d, 0x0a, 0x28, 0x22, 0x7b].includes(buffer[i]!)) i += 1;
      if (i >= buffer.length) return null;
      line.push({ kind: 'atom', value: buffer.subarray(pos, i).toString('utf8') });
      pos = i;
    }
  }
  return null;
}

/** A string argument: quoted when it can be, else a non-synchronizing literal. */
export function encodeString(value: string): string {
  if (!/[\r\n\0]/.test(value) && Buffer.byteLength(value) <= 1024) return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return `{${Buffer.byteLength(value)}+}\r\n${value}`;
}

export interface ScriptListing {
  name: string;
  active: boolean;
}

export interface ConnectOptions {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  tlsVerify: boolean;
  user: string;
  password: string;
  /** Milliseconds without an answer after which the connection is given up. */
  timeoutMs?: number;
}

export class ManageSieveClient {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: Response): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  capabilities = new Map<string, string>();

  constructor(private stream: Duplex, private timeoutMs = 15_000) {
    this.attach(stream);
  }

  private attach(stream: Duplex): void {
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const broken = (reason: string) => () => this.fail(new ManageSieveError(null, null, null, reason));
    stream.on('error', (error: Error) => this.fail(new ManageSieveError(null, null, null, `connection error: ${error.message}`)));
    stream.on('end', broken('the server closed the connection'));
    stream.on('close', broken('the connection closed'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  private drain(): void {
    if (!this.waiting) return;
    let parsed: ReturnType<typeof parseResponse>;
    try {
      parsed = parseResponse(this.buffer);
    } catch (error) {
      this.fail(new ManageSieveError(null, null, null, (error as Error).message));
      this.stream.destroy();
      return;
    }
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.consumed);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve(parsed.response);
  }

  /** The next complete response. */
  private next(): Promise<Response> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new ManageSieveError(null, null, null, `no answer within ${this.timeoutMs} ms`));
        this.stream.destroy();
      }, this.timeoutMs);
      this.waiting = {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      };
      this.drain();
    });
  }

  /** Sends one command and waits for its response; commands run one at a time. */
  command(text: string, { allowNo = false } = {}): Promise<Response> {
    const run = async () => {
      if (this.failure) throw this.failure;
      this.stream.write(`${text}\r\n`);
      const response = await this.next();
      if (response.status === 'BYE' || (response.status === 'NO' && !allowNo)) {
        throw new ManageSieveError(response.status, response.code, response.text, `${text.split(/[\s\r]/, 1)[0]} answered ${response.status}${response.code ? ` (${response.code})` : ''}: ${response.text ?? ''}`);
      }
      return response;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private readCapabilities(response: Response): void {
    this.capabilities.clear();
    for (const line of response.lines) {
      const [name, value] = line;
      if (name) this.capabilities.set(name.value.toUpperCase(), value?.value ?? '');
    }
  }

  /** Reads the greeting (the capabilities). */
  async greeting(): Promise<void> {
    const response = await this.next();
    if (response.status !== 'OK') throw new ManageSieveError(response.status, response.code, response.text, `greeting was ${response.status}`);
    this.readCapabilities(response);
  }

  /** STARTTLS, then the capabilities again (RFC 5804 2.2). */
  async startTls(upgrade: (socket: Duplex) => Duplex): Promise<void> {
    await this.command('STARTTLS');
    const plain = this.stream;
    plain.removeAllListeners('data');
    plain.removeAllListeners('end');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    this.buffer = Buffer.alloc(0);
    this.attach(upgrade(plain));
    await this.greeting();
  }

  async authenticate(user: string, password: string): Promise<void> {
    const mechanisms = (this.capabilities.get('SASL') ?? '').toUpperCase().split(/\s+/);
    if (!mechanisms.includes('PLAIN')) throw new ManageSieveError(null, null, null, 'the server offers no SASL PLAIN');
    const initial = Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
    await this.command(`AUTHENTICATE "PLAIN" "${initial}"`);
  }

  async listScripts(): Promise<ScriptListing[]> {
    const response = await this.command('LISTSCRIPTS');
    return response.lines
      .filter((line) => line[0]?.kind === 'string')
      .map((line) => ({ name: line[0]!.value, active: line[1]?.kind === 'atom' && line[1].value.toUpperCase() === 'ACTIVE' }));
  }

  /** The script's text, or null when there is no such script. */
  async getScript(name: string): Promise<string | null> {
    const response = await this.command(`GETSCRIPT ${encodeString(name)}`, { allowNo: true });
    if (response.status === 'NO') {
      if (response.code === 'NONEXISTENT') return null;
      throw new ManageSieveError('NO', response.code, response.text, `GETSCRIPT answered NO: ${response.text ?? ''}`);
    }
    return response.lines[0]?.[0]?.value ?? '';
  }

  /** Throws ManageSieveError (NO, with the server's reason) when the script is not valid. */
  async checkScript(script: string): Promise<void> {
    await this.command(`CHECKSCRIPT {${Buffer.byteLength(script)}+}\r\n${script}`);
  }

  async putScript(name: string, script: string): Promise<void> {
    await this.command(`PUTSCRIPT ${encodeString(name)} {${Buffer.byteLength(script)}+}\r\n${script}`);
  }

  async setActive(name: string): Promise<void> {
    await this.command(`SETACTIVE ${encodeString(name)}`);
  }

  async deleteScript(name: string): Promise<void> {
    await this.command(`DELETESCRIPT ${encodeString(name)}`);
  }

  async logout(): Promise<void> {
    try {
      await this.command('LOGOUT', { allowNo: true });
    } catch {
      // Closing anyway.
    }
    this.stream.end();
    this.stream.destroy();
  }

  close(): void {
    this.stream.destroy();
  }
}

/** Opens, secures and authenticates a ManageSieve connection. */
export async function connectManageSieve(options: ConnectOptions): Promise<ManageSieveClient> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  // SNI carries host names only (RFC 6066 3); the certificate is still checked against the host.
  const servername = isIP(options.host) ? undefined : options.host;
  const socket: Socket = await new Promise((resolve, reject) => {
    const tls = options.security === 'tls';
    const s = tls
      ? tlsConnect({ host: options.host, port: options.port, servername, rejectUnauthorized: options.tlsVerify })
      : netConnect({ host: options.host, port: options.port });
    const timer = setTimeout(() => { s.destroy(); reject(new ManageSieveError(null, null, null, 'connect timed out')); }, timeoutMs);
    s.once(tls ? 'secureConnect' : 'connect', () => { clearTimeout(timer); s.removeAllListeners('error'); resolve(s); });
    s.once('error', (error) => { clearTimeout(timer); reject(new ManageSieveError(null, null, null, `connect failed: ${error.message}`)); });
  });
  const client = new ManageSieveClient(socket, timeoutMs);
  try {
    await client.greeting();
    if (options.security === 'starttls') {
      if (!client.capabilities.has('STARTTLS')) throw new ManageSieveError(null, null, null, 'the server offers no STARTTLS');
      await client.startTls((plain) => tlsConnect({ socket: plain as Socket, host: options.host, servername, rejectUnauthorized: options.tlsVerify }));
    }
    await client.authenticate(options.user, options.password);
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}
