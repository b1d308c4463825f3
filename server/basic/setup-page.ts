// /basic/setup: the settings for mail programs without JavaScript, for the signed-in mailbox,
// with the same rows and hints as the SPA's screen and the Apple profile as a plain link.
import type { FastifyInstance } from 'fastify';
import { SETUP_API, type MailServerSettings, type MailSetupResponse } from '../../src/shared/api.js';
import { MAIL_PROGRAMS, serverRows } from '../../src/shared/mail-setup.js';
import type { Services } from '../services.js';
import { mailSetupFor } from '../setup/mail-setup.js';
import { requireBasicSession } from './guard.js';
import { html, type Html } from './html.js';
import { BASIC, pageContext, renderBasic, sendBasic, type PageContext } from './layout.js';

export const BASIC_SETUP = `${BASIC}/setup`;

function serverSection(ctx: PageContext, setup: MailSetupResponse, id: string, heading: string, server: MailServerSettings, note?: Html): Html {
  return html`<section aria-labelledby="${id}">
  <h2 id="${id}">${heading}</h2>
  <dl class="headers">${serverRows(setup, server, ctx.tr).map((row) => html`<dt>${row.label}</dt><dd>${row.value}</dd>`)}</dl>
  ${note ?? null}
</section>`;
}

function renderSetup(ctx: PageContext, setup: MailSetupResponse): Html {
  return html`<div class="basic-setup">
<h1>${ctx.tr('setup.title')}</h1>
<p>${ctx.tr('setup.intro')}</p>
${setup.address ? html`<dl class="headers"><dt>${ctx.tr('setup.address')}</dt><dd>${setup.address}</dd></dl>` : null}
${serverSection(ctx, setup, 'incoming', ctx.tr('setup.incoming'), setup.incoming)}
${serverSection(ctx, setup, 'outgoing', ctx.tr('setup.outgoing'), setup.outgoing, html`<p class="hint">${ctx.tr('setup.smtpAuth')}</p>`)}
<h2>${ctx.tr('setup.programs')}</h2>
${MAIL_PROGRAMS.map((program) => html`<section aria-labelledby="program-${program.id}">
  <h3 id="program-${program.id}">${ctx.tr(program.title)}</h3>
  <p>${ctx.tr(program.hint)}</p>
  ${program.profile ? html`<p><a href="${SETUP_API.appleProfile}" download>${ctx.tr('setup.apple.download')}</a></p>` : null}
</section>`)}
</div>`;
}

export async function basicSetupPage(app: FastifyInstance, services: Services): Promise<void> {
  app.get(BASIC_SETUP, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const setup = mailSetupFor(services.config, request.session!.record.user);
    return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('setup.title'), renderSetup(ctx, setup)));
  });
}
