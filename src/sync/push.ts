// New mail without reloading: the gateway keeps IMAP IDLE on INBOX while a tab listens and
// pushes the folder's state as Server-Sent Events. EventSource reconnects by itself after a
// network loss and sends Last-Event-ID, so the gateway answers with whatever changed meanwhile.
import { SYNC_API, USER_PARAM, type MailboxEvent } from '../shared/api.js';

/** `user`: the mailbox this tab shows; the gateway refuses the stream when the cookie names another. */
export function listenForMail(user: string, onEvent: (event: MailboxEvent) => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(`${SYNC_API.events}?${new URLSearchParams({ [USER_PARAM]: user })}`);
  source.addEventListener('mailbox', (message) => {
    try {
      onEvent(JSON.parse((message as MessageEvent<string>).data) as MailboxEvent);
    } catch {
      // A malformed event is skipped; the next one carries the whole state again.
    }
  });
  return () => source.close();
}
