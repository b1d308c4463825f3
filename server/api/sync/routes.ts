// /api/sync answers what changed in a folder since the client's state; /api/events pushes INBOX
// changes as Server-Sent Events (HTML Living Standard §9.2) while a tab is open.
import type { FastifyInstance } from 'fastify';
import { type MailboxEvent, SYNC_API, type SyncQuery, type SyncResponse } from '../../../src/shared/api.js';
import { mailboxEventId } from '../../mail/push.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';
import { folderPath, strictObject, uid } from '../mail-schemas.js';

/** Proxies and NATs drop a silent connection after a minute or so; a comment line every 25 s keeps it. */
export const HEARTBEAT_MS = 25_000;
/** EventSource waits this long before it reconnects after the stream broke. */
const RETRY_MS = 5_000;

const syncSchema = {
  querystring: strictObject(
    {
      folder: folderPath,
      uidValidity: { type: 'string', pattern: '^[1-9]\\d{0,9}$' },
      // "0" is what a folder without CONDSTORE reports (FolderState.highestModseq).
      highestModseq: { type: 'string', pattern: '^\\d{1,20}$' },
      uidNext: { type: 'integer', minimum: 1, maximum: 4294967295 },
      resumeUid: uid,
      // It rides in the URL: Node refuses request heads over 16 KB.
      knownUids: { type: 'string', maxLength: 8000, pattern: '^[0-9:,]*$' },
    },
    ['resumeUid', 'knownUids'],
  ),
};

function eventText(event: MailboxEvent): string {
  return `id: ${mailboxEventId(event)}\nevent: mailbox\ndata: ${JSON.stringify(event)}\n\n`;
}

export async function syncRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { mail } = services;
  const preHandler = requireSession(services.sessions);

  app.get<{ Querystring: SyncQuery }>(SYNC_API.delta, { schema: syncSchema, preHandler }, (request): Promise<SyncResponse> =>
    mail.sync(mailContext(request), request.query),
  );

  app.get(SYNC_API.events, { preHandler }, async (request, reply) => {
    const ctx = mailContext(request);
    const raw = reply.raw;
    let streaming = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(heartbeat);
      if (!raw.writableEnded) raw.end();
    };
    // Until the stream is open, events are left to the first write of the current state below.
    const subscription = await mail.watchInbox(ctx, {
      mailbox: (event) => {
        if (streaming && !raw.writableEnded) raw.write(eventText(event));
      },
      end: finish,
    });

    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Buffering proxies (nginx) would hold events back.
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    streaming = true;
    // A reconnecting EventSource sends the id of the last event it got: resend only if the
    // state moved on meanwhile. A first connection always gets the state, to start from.
    const current = subscription.current();
    if (request.headers['last-event-id'] !== mailboxEventId(current)) raw.write(eventText(current));
    heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();

    // The response's 'close' fires when the browser goes away or we ended the stream.
    const stop = () => {
      finish();
      void subscription.unsubscribe();
    };
    raw.once('close', stop);
    if (raw.destroyed) stop();
  });
}
