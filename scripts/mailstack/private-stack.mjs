// Settings for a mail stack of one's own: a fresh state dir and free ports, so a test run or a
// benchmark goes on beside a demo (or another run) without fighting over 1143/1587.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The environment for start.sh/stop.sh/adduser.sh of a private stack (auth penalty off). */
export async function privateStackEnv(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    env: {
      ...process.env,
      MAILSTACK_DIR: dir,
      MAILSTACK_IMAP_PORT: String(await freePort()),
      MAILSTACK_IMAPS_PORT: String(await freePort()),
      MAILSTACK_SUBMISSION_PORT: String(await freePort()),
      MAILSTACK_MANAGESIEVE_PORT: String(await freePort()),
      MAILSTACK_INJECT_PORT: String(await freePort()),
      MAILSTACK_FAST_AUTH_FAIL: '1',
    },
  };
}
