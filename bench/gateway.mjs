// Section 1: the gateway over HTTP (real socket, signed-in session, Node fetch) against the floor:
// the same operation done here with imapflow / nodemailer on an already open connection.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { api, log, median, newComposeId, RUNS, WARMUPS } from './stack.mjs';

/** The gateway's row query (server/mail/message-rows.ts ROW_QUERY). */
const ROW_QUERY = { uid: true, flags: true, envelope: true, size: true, bodyStructure: true, internalDate: true };
const WINDOW = 50;
const SYNC_PAGE = 200; // the list route's largest window

/**
 * Warm-ups and runs of a cheap operation. A gateway that has served a few dozen requests still
 * runs partly unoptimized code (imapflow's parser, fastify, JSON), and so does this process's
 * floor: the first window of 10k took 19 vs 13 ms (gateway vs floor) after 20 warm-ups and about
 * 11 vs 9 ms after 400 rounds. A gateway in service is warm, so that is what we report.
 */
const CHEAP_WARMUPS = 100;
const CHEAP_RUNS = Math.max(RUNS, 21);

/** Runs gateway and floor alternately (drift hits both), warm-ups, then timed runs; medians in ms. */
async function compare(gateway, floor, warmups = CHEAP_WARMUPS, runs = CHEAP_RUNS) {
  const g = [];
  const f = [];
  for (let run = 0; run < warmups + runs; run++) {
    let t = performance.now();
    await gateway();
    const gMs = performance.now() - t;
    t = performance.now();
    await floor();
    const fMs = performance.now() - t;
    if (run >= warmups) {
      g.push(gMs);
      f.push(fMs);
    }
  }
  return { gateway: median(g), floor: median(f) };
}

async function openImap(ctx, user) {
  const client = new ImapFlow({
    host: '127.0.0.1', port: ctx.stack.imapPort, secure: false, doSTARTTLS: false,
    auth: { user: user.address, pass: user.password }, logger: false,
  });
  await client.connect();
  await client.mailboxOpen('INBOX');
  return client;
}

async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

async function folderRows(ctx, label, user, session, { fullSync }) {
  const base = ctx.gateway.base;
  const client = await openImap(ctx, user);
  const rows = [];
  const row = (measure, result, budget) => {
    const ratio = result.gateway / result.floor;
    rows.push({
      section: 'gateway', measure, size: label, median: result.gateway, floor: result.floor, ratio, unit: 'ms',
      budget: budget ? `<= ${budget}x floor` : '', met: budget ? ratio <= budget : null,
    });
    log(`gateway ${label} ${measure}: ${result.gateway.toFixed(1)} ms vs floor ${result.floor.toFixed(1)} ms`);
  };
  try {
    const folder = encodeURIComponent('INBOX');
    const first = await api(base, session, `/api/messages?folder=${folder}&offset=0&limit=${WINDOW}`);
    const total = first.total;
    const exists = client.mailbox.exists;

    row('first window (50 rows)', await compare(
      () => api(base, session, `/api/messages?folder=${folder}&offset=0&limit=${WINDOW}`),
      () => client.fetchAll(`${Math.max(1, exists - WINDOW + 1)}:*`, ROW_QUERY),
    ), 1.3);

    if (fullSync) {
      row(`full header sync (${Math.ceil(total / SYNC_PAGE)} windows of ${SYNC_PAGE})`, await compare(
        async () => {
          for (let offset = 0; offset < total; offset += SYNC_PAGE) {
            await api(base, session, `/api/messages?folder=${folder}&offset=${offset}&limit=${SYNC_PAGE}`);
          }
        },
        () => client.fetchAll('1:*', ROW_QUERY),
        WARMUPS,
        RUNS,
      ));
    }

    const state = (await api(base, session, `/api/messages?folder=${folder}&offset=0&limit=1`)).folder;
    const syncQuery = `folder=${folder}&uidValidity=${state.uidValidity}&highestModseq=${state.highestModseq}&uidNext=${state.uidNext}`;
    row('delta sync, no changes', await compare(
      async () => {
        const answer = await api(base, session, `/api/sync?${syncQuery}`);
        if (answer.changed.length || answer.vanished.length || answer.more) throw new Error('delta sync: the folder changed during the bench');
      },
      () => client.fetchAll('1:*', { uid: true, flags: true }, { changedSince: BigInt(state.highestModseq) }),
    ));

    // A small message of the first window (the smallest one), its source as the SPA fetches it.
    const small = [...first.rows].sort((a, b) => a.size - b.size)[0];
    let bytes = 0;
    const open = await compare(
      async () => (bytes = (await api(base, session, `/api/messages/source?folder=${folder}&uid=${small.uid}`, { as: 'bytes' })).length),
      async () => {
        const { content } = await client.download(String(small.uid), undefined, { uid: true });
        await drain(content);
      },
    );
    row(`open one message (${(bytes / 1024).toFixed(1)} KB source)`, open);
  } finally {
    await client.logout().catch(() => client.close());
  }
  return rows;
}

async function sendRow(ctx, user, session) {
  const transport = nodemailer.createTransport({
    pool: true, maxConnections: 1, host: '127.0.0.1', port: ctx.stack.submissionPort, secure: false, ignoreTLS: true,
    auth: { user: user.address, pass: user.password },
  });
  try {
    await transport.verify();
    const to = ctx.users.sink.address;
    const text = 'Hallo,\n\ndies ist eine kurze Nachricht aus dem Benchmark.\n\nGruß\n';
    let n = 0;
    const result = await compare(
      async () => {
        const answer = await api(ctx.gateway.base, session, '/api/compose/send', {
          method: 'POST',
          body: { composeId: newComposeId(), to: [to], cc: [], bcc: [], subject: `bench gateway ${++n}`, text, attachments: [] },
        });
        if (!answer.savedToSent) throw new Error('send: the copy to Sent failed');
      },
      () => transport.sendMail({ from: user.address, to, subject: `bench floor ${n}`, text }),
    );
    log(`gateway send: ${result.gateway.toFixed(1)} ms vs floor ${result.floor.toFixed(1)} ms`);
    return {
      section: 'gateway', measure: 'send one small message', size: '-', median: result.gateway, floor: result.floor,
      ratio: result.gateway / result.floor, unit: 'ms', budget: '', met: null,
      note: 'gateway also appends a copy to Sent; floor is SMTP only',
    };
  } finally {
    transport.close();
  }
}

export async function gatewaySection(ctx) {
  const rows = [];
  for (const folder of ctx.folders) {
    rows.push(...(await folderRows(ctx, folder.label, folder.user, folder.session, { fullSync: folder.fullSync })));
  }
  // Send last and to another mailbox: the measured folders stay unchanged.
  rows.push(await sendRow(ctx, ctx.folders[0].user, ctx.folders[0].session));
  return rows;
}
