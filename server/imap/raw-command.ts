// Commands imapflow has no method for (UID SORT, RFC 5256), sent through its internal
// dispatcher `exec()`, the same one its own command modules use (lib/commands/search.js). It is
// not in imapflow's type declarations, so this file is the one place that reaches past them;
// should an imapflow update rename it, the guard below fails loudly instead of hanging.
import type { ImapAttribute, ImapFlow } from 'imapflow';

export interface UntaggedResponse {
  attributes?: ImapAttribute[];
  /** imapflow's parser reads a `* SEARCH` line of plain numbers straight into this array. */
  numbers?: number[];
}

type UntaggedHandler = (untagged: UntaggedResponse) => Promise<void>;

interface ImapFlowInternals {
  exec?: (command: string, attributes: unknown[], options: { untagged: Record<string, UntaggedHandler> }) => Promise<{ next(): void }>;
  /** Set while auto-IDLE runs: calling it sends DONE and waits until IDLE has ended. */
  preCheck?: (() => Promise<void>) | false;
}

/**
 * Runs one command and hands its untagged responses to `untagged` (keyed by response name).
 * Callers hold the mailbox lock: imapflow starts no auto-IDLE while a lock is held, so once an
 * IDLE that was running when the lock was granted is ended here, none can start in between.
 */
export async function runRaw(client: ImapFlow, command: string, attributes: unknown[], untagged: Record<string, UntaggedHandler>): Promise<void> {
  const internals = client as unknown as ImapFlowInternals;
  if (typeof internals.exec !== 'function') throw new Error('imapflow no longer has exec(): update server/imap/raw-command.ts');
  if (typeof internals.preCheck === 'function') await internals.preCheck();
  const response = await internals.exec(command, attributes, { untagged });
  response.next();
}

/** The numbers of an untagged SORT or SEARCH response; anything else the server sent is skipped. */
export function numbersOf(untagged: UntaggedResponse): number[] {
  if (untagged.numbers) return untagged.numbers;
  const numbers: number[] = [];
  for (const attribute of untagged.attributes ?? []) {
    const value = (attribute as { value?: unknown }).value;
    if (typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value)) numbers.push(Number(value));
  }
  return numbers;
}
