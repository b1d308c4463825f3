// Start-up: settings, the app, listening, and a graceful close on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { ConfigError, isLoopback, loadConfig, type Config } from './config.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`webmail: cannot start. ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const app = await buildApp(config);
for (const [name, server] of [['PUBLIC_IMAP_HOST', config.mailPrograms.imap], ['PUBLIC_SMTP_HOST', config.mailPrograms.smtp]] as const) {
  // Taken over from IMAP_HOST/SMTP_HOST, a loopback name would send every mail program to itself.
  if (isLoopback(server.host)) app.log.warn({ host: server.host }, `mail programs are told the loopback server ${server.host}; set ${name} to the name they should use`);
}
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  app.log.fatal({ err: error }, 'cannot listen');
  process.exit(1);
}
