// /basic: the complete webmail without JavaScript. Server-rendered pages, plain forms, every
// POST answered with a redirect, no script anywhere (CSP script-src 'none').
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { basicFolders } from './folders.js';
import { basicLogin } from './login.js';

export async function basicRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(basicLogin, services);
  await app.register(basicFolders, services);
}
