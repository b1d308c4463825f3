// The main thread's door to the parse worker. One worker, requests matched by id. Where Workers
// are missing (jsdom in unit tests) or the worker script cannot load (offline before it was
// ever cached), the same parser runs in-thread: a message must never hang in "loading".
import { parseMessage, type ParsedMessage } from './parse.js';

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { raw: ArrayBuffer; resolve: (m: ParsedMessage) => void; reject: (e: Error) => void }>();

function giveUpOnWorker(): void {
  worker?.terminate();
  worker = null;
  for (const [id, pending] of waiting) {
    waiting.delete(id);
    parseMessage(pending.raw).then(pending.resolve, pending.reject);
  }
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (worker = null);
  }
  worker.onerror = () => giveUpOnWorker();
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
  if (!target) return parseMessage(raw);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    // Keep a copy: the original is transferred, and a failed worker means parsing it here.
    waiting.set(id, { raw: raw.slice(0), resolve, reject });
    target.postMessage({ id, raw }, [raw]);
  });
}
