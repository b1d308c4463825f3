// Parses message sources off the main thread, so a large message never freezes the list.
import { parseMessage } from './parse.js';

interface ParseRequest {
  id: number;
  raw: ArrayBuffer;
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { id, raw } = event.data;
  try {
    const message = await parseMessage(raw);
    const transfer = message.attachments.flatMap((a) => (a.content ? [a.content] : []));
    (self as unknown as Worker).postMessage({ id, message }, transfer);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) });
  }
};
