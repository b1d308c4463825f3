// An exclusive flock(2) on a lock file, held while a passwd-file is rewritten. Node has no
// flock of its own; util-linux's flock(1) takes the lock and holds it for as long as its child
// shell waits on stdin, so the lock is shared with every other tool that uses flock on the same
// file (the mailstack's adduser.sh, a host's provisioning scripts). If the gateway dies, the
// child's stdin closes and the lock is released.
import { spawn } from 'node:child_process';
import { Failure } from '../failure.js';

export async function withFlock<T>(lockFile: string, waitSeconds: number, work: () => Promise<T>): Promise<T> {
  const holder = spawn('flock', ['-x', '-w', String(waitSeconds), lockFile, 'sh', '-c', 'echo locked; read _'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const locked = await new Promise<boolean>((resolve) => {
    holder.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().startsWith('locked')));
    holder.once('error', () => resolve(false));
    holder.once('close', () => resolve(false));
  });
  if (!locked) {
    holder.kill();
    throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'flock', lockFile });
  }
  try {
    return await work();
  } finally {
    holder.stdin.end();
  }
}
