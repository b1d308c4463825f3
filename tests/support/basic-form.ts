// The /basic compose form as a browser submits it, for tests that post it with app.inject:
// fields and files in the form's own order, as multipart/form-data.
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TestGateway } from './gateway.js';
import type { TestUser } from './mailstack.js';

export type FormPart = { name: string; value: string } | { name: string; filename: string; contentType: string; content: Buffer };

export function multipartForm(parts: FormPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----basicform${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`, 'utf8'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`, 'utf8'));
      chunks.push(part.content, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The compose page's form token and the cookies that go with it, for a session cookie. */
export async function composeFormToken(gateway: TestGateway, sessionCookie: string): Promise<{ token: string; cookie: string }> {
  const page = await gateway.app.inject({ method: 'GET', url: '/basic/compose', headers: { cookie: sessionCookie } });
  if (page.statusCode !== 200) throw new Error(`compose page: ${page.statusCode}`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const secret = page.cookies.find((c) => c.name === 'wm_csrf');
  if (!token || !secret) throw new Error('compose page without form token');
  return { token, cookie: `${sessionCookie}; wm_csrf=${secret.value}` };
}

export function postCompose(gateway: TestGateway, cookie: string, parts: FormPart[], headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const body = multipartForm(parts);
  return gateway.app.inject({
    method: 'POST',
    url: '/basic/compose',
    headers: { cookie, 'content-type': body.contentType, ...headers },
    payload: body.payload,
  });
}

/** Sizes of every file under a directory (the gateway's upload root), in no particular order. */
export function fileSizesUnder(dir: string): number[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? fileSizesUnder(path) : [statSync(path).size];
  });
}

/** Signs in through the /basic form itself and answers the cookies plus a fresh form token. */
export async function signInBasic(gateway: TestGateway, user: TestUser): Promise<{ cookie: string; token: string }> {
  const login = await gateway.app.inject({ method: 'GET', url: '/basic/login' });
  const secret = login.cookies.find((c) => c.name === 'wm_csrf')!.value;
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
  const response = await gateway.app.inject({
    method: 'POST', url: '/basic/login', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wm_csrf=${secret}` },
    payload: new URLSearchParams({ _csrf: token, username: user.address, password: user.password, next: '/basic/mail' }).toString(),
  });
  const session = response.cookies.find((c) => c.name === 'wm_session');
  if (response.statusCode !== 303 || !session) throw new Error(`/basic sign-in failed: ${response.statusCode}`);
  return { cookie: `wm_csrf=${secret}; wm_session=${session.value}`, token };
}
