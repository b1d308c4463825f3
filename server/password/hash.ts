// Password hashes made by Dovecot's own `doveadm pw`, so every scheme Dovecot accepts is made
// exactly as Dovecot expects. The password goes through stdin, never argv (which `ps` shows).
// Measured here: when the two stdin lines differ, `doveadm pw` prints an error yet exits 0 with
// a hash of something else — so every hash is verified with `doveadm pw -t` before it is used.
import { spawn } from 'node:child_process';
import { Failure } from '../failure.js';

function run(program: string, args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

export async function hashPassword(doveadm: string, scheme: string, password: string): Promise<string> {
  if (/[\r\n]/.test(password)) throw new Failure('PASSWORD_INVALID_CHARACTERS');
  // -c /dev/null: hashing needs no configuration, and the host's dovecot.conf may not be readable.
  const made = await run(doveadm, ['-c', '/dev/null', 'pw', '-s', scheme], `${password}\n${password}\n`).catch((error: unknown) => {
    throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'doveadm pw', detail: String(error) });
  });
  const hash = made.stdout.trim();
  if (made.code !== 0 || made.stderr.trim() !== '' || !hash.startsWith(`{${scheme}}`) || /[\s:]/.test(hash)) {
    throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'doveadm pw', code: made.code, stderr: made.stderr.trim() });
  }
  const verified = await run(doveadm, ['-c', '/dev/null', 'pw', '-t', hash], `${password}\n`);
  if (verified.code !== 0) {
    throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'doveadm pw -t', code: verified.code, stderr: verified.stderr.trim() });
  }
  return hash;
}
