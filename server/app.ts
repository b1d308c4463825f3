// The gateway as a Fastify instance that tests build and close (CONVENTIONS: fastify/demo).
// External plugins first, then services, then routes; the error handler never returns the
// details of a 5xx.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { ERRORS, type ErrorBody, type ErrorCode } from '../src/shared/errors.js';
import { composeRoutes } from './api/compose/routes.js';
import { folderAdminRoutes } from './api/folder-admin/routes.js';
import { folderRoutes } from './api/folders/routes.js';
import { messageRoutes } from './api/messages/routes.js';
import { passwordRoutes } from './api/password/routes.js';
import { mailboxSettingsRoutes } from './api/mailbox-settings/routes.js';
import { MailboxSettingsService } from './sieve/service.js';
import { setupRoutes } from './api/setup/routes.js';
import { basicRoutes } from './basic/index.js';
import { UI_COOKIE } from './basic/login.js';
import { passwordPage } from './basic/password-page.js';
import { healthRoutes } from './api/health/routes.js';
import { sessionRoutes } from './api/session/routes.js';
import { syncRoutes } from './api/sync/routes.js';
import type { Config } from './config.js';
import { Failure } from './failure.js';
import { MailService } from './mail/service.js';
import { PasswdFileBackend, type PasswdFileHooks } from './password/passwd-file.js';
import { PasswordService } from './password/service.js';
import { autoconfigRoutes } from './setup/routes.js';
import { LoginLimits } from './session/login-limits.js';
import { Sessions } from './session/sessions.js';
import { MemorySessionStore } from './session/store.js';
import type { Services } from './services.js';

export interface AppOptions {
  /** Clock for session timeouts; tests move it instead of sleeping. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** Fault injection for the passwd-file backend's tests. */
  passwdFileHooks?: PasswdFileHooks;
  /** Directory under which attachment uploads are kept; os.tmpdir() by default. */
  uploadRoot?: string;
}

/**
 * The app's own CSP (ARCHITECTURE: widen only with a reason). Mail bodies render in an
 * `<iframe srcdoc sandbox>`, and a srcdoc document inherits this policy on top of its own
 * (HTML policy container): so style-src allows the inline styles mail is made of, and img-src
 * allows data: (cid: images, attachment previews) and http(s): for remote images the user chose
 * to show. The sanitizer and the frame's own CSP decide what a mail may load; scripts stay 'self'.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

function errorBody(code: ErrorCode, retryAfterSeconds?: number, problems?: ErrorCode[], detail?: string): ErrorBody {
  return {
    error: { code, message: ERRORS[code].description, ...(retryAfterSeconds ? { retryAfterSeconds } : {}), ...(problems ? { problems } : {}), ...(detail ? { detail } : {}) },
  };
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 64 * 1024,
    requestTimeout: 120_000,
  });
  app.decorateRequest('session', null);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });

  const store = new MemorySessionStore(now);
  const services: Services = {
    config,
    sessions: new Sessions(store, config.session, now, (key) => void services.mail.endSession(key)),
    loginLimits: new LoginLimits(config.loginLimits),
    mail: new MailService(config, { uploadRoot: options.uploadRoot }),
    passwords: new PasswordService(
      config,
      config.password.backend === 'passwd-file'
        ? new PasswdFileBackend(config.password.passwdFile, config.password.lockFile, options.passwdFileHooks)
        : null,
    ),
    mailboxSettings: new MailboxSettingsService(config, {
      junkFolder: (ctx) => services.mail.junkFolder(ctx),
      now: () => new Date(now()),
    }),
  };
  // Sessions that time out without a request still hold an IMAP connection: close it.
  const sweeper = setInterval(() => store.sweep().forEach((key) => void services.mail.endSession(key)), 60_000);
  sweeper.unref();
  // Event streams never end by themselves: end them before the server waits for open requests.
  app.addHook('preClose', async () => {
    await services.mail.push.close();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await services.mail.close();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // A route may say more (raw message downloads: `private, no-store`); never less.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: FastifyError | Failure, request, reply) => {
    if (error instanceof Failure) {
      const status = ERRORS[error.code].status;
      request.log[status >= 500 ? 'warn' : 'info']({ code: error.code, ...error.context }, 'request failed');
      if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(status).send(errorBody(error.code, error.retryAfterSeconds, error.problems, error.detail));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'bad request');
      const code: ErrorCode = status === 413 ? 'MESSAGE_TOO_LARGE' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      return reply.code(ERRORS[code].status).send(errorBody(code));
    }
    request.log.error({ err: error }, 'internal error');
    return reply.code(500).send(errorBody('INTERNAL'));
  });

  await app.register(healthRoutes, services);
  await app.register(sessionRoutes, services);
  await app.register(folderRoutes, services);
  await app.register(folderAdminRoutes, services);
  await app.register(messageRoutes, services);
  await app.register(composeRoutes, services);
  await app.register(syncRoutes, services);
  await app.register(passwordRoutes, services);
  await app.register(mailboxSettingsRoutes, services);
  await app.register(setupRoutes, services);
  await app.register(autoconfigRoutes, services);
  await app.register(passwordPage, services);
  await app.register(basicRoutes, services);

  const staticRoot = resolve(config.staticDir);
  const haveSpa = existsSync(resolve(staticRoot, 'index.html'));
  if (haveSpa) {
    await app.register(fastifyStatic, { root: staticRoot, wildcard: false, index: false, cacheControl: false });
    app.addHook('onSend', async (request, reply, payload) => {
      // Vite's hashed assets never change; the entry page must always be fresh.
      if (request.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      return payload;
    });
  } else {
    app.log.warn({ staticRoot }, 'no built SPA found; serving the API only (run `npm run build`)');
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/basic/');
    // Someone who chose the basic version lands there again (the switch back sets the cookie to rich).
    if (wantsPage && request.cookies[UI_COOKIE] === 'basic' && (request.url === '/' || request.url.startsWith('/login'))) {
      return reply.code(303).header('location', '/basic/login').send();
    }
    if (wantsPage && haveSpa) {
      // The SPA owns its routes (/mail/INBOX, /login, …): every page URL gets the entry page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('NOT_FOUND'));
  });

  return app;
}
