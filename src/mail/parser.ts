// The main thread's door to the parse worker. One worker, requests matched by id; where
// Workers are missing (jsdom in unit tests) the same parser runs in-thread.
import type { ParsedMessage } from './parse.js';

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (m: ParsedMessage) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<{ id: number; message?: ParsedMessage; error?: string }>) => {
    const pending = waiting.get(event.data.id);
    if (!pending) return;
    waiting.delete(event.data.id);
    if (event.data.message) pending.resolve(event.data.message);
    else pending.reject(new Error(event.data.error ?? 'parse failed'));
  };
  return worker;
}

export function parseInWorker(raw: ArrayBuffer): Promise<ParsedMessage> {
  const target = getWorker();
  if (!target) return import('./parse.js').then(({ parseMessage }) => parseMessage(raw));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    target.postMessage({ id, raw }, [raw]);
  });
}
