// /basic: the complete webmail without JavaScript. Server-rendered pages, plain forms, every
// POST answered with a redirect, no script anywhere (CSP script-src 'none').
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { basicCompose } from './compose.js';
import { basicActions } from './actions.js';
import { basicFolders } from './folders.js';
import { basicLogin } from './login.js';
import { basicMessageBody } from './message-body.js';
import { basicMessageList } from './message-list.js';
import { basicMessagePage } from './message-page.js';
import { basicSetupPage } from './setup-page.js';
import { basicMailboxSettingsPage } from './mailbox-settings-page.js';

export async function basicRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(basicLogin, services);
  await app.register(basicFolders, services);
  await app.register(basicMessageList, services);
  await app.register(basicMessagePage, services);
  await app.register(basicMessageBody, services);
  await app.register(basicActions, services);
  await app.register(basicCompose, services);
  await app.register(basicSetupPage, services);
  await app.register(basicMailboxSettingsPage, services);
}
