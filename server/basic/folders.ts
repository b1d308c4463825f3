// The folder list of the no-JavaScript pages: special folders first with their localized
// names and unread counts, subfolders nested.
import type { FastifyInstance } from 'fastify';
import type { Folder } from '../../src/shared/api.js';
import { formatBytes, type MessageKey } from '../../src/shared/i18n/translate.js';
import { QUOTA_WARNING_RATIO, type QuotaResponse } from '../../src/shared/mailbox-settings.js';
import { mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { requireBasicSession } from './guard.js';
import { html, type Html } from './html.js';
import { BASIC, pageContext, renderBasic, sendBasic, type PageContext } from './layout.js';

export function folderName(ctx: PageContext, folder: Folder): string {
  return folder.specialUse ? ctx.tr(`folder.${folder.specialUse}` as MessageKey) : folder.name;
}

export function folderListHref(path: string): string {
  return `${BASIC}/mail?${new URLSearchParams({ folder: path })}`;
}

export function folderNav(ctx: PageContext, folders: Folder[], current: string | null): Html {
  const item = (folder: Folder): Html => html`<li>${
    folder.selectable
      ? html`<a href="${folderListHref(folder.path)}"${folder.path === current ? html` aria-current="page"` : null}>${folderName(ctx, folder)}</a>`
      : html`<span>${folderName(ctx, folder)}</span>`
  }${folder.unread > 0 ? html` <span class="count">(${ctx.tr('mailbox.unread', { count: folder.unread })})</span>` : null}${
    folder.children.length > 0 ? html`<ul>${folder.children.map(item)}</ul>` : null
  }</li>`;
  return html`<nav class="basic-folders" aria-label="${ctx.tr('basic.folders')}"><h2>${ctx.tr('basic.folders')}</h2><ul>${folders.map(item)}</ul></nav>`;
}

/** Storage used of the quota, with the warning above 90 % (the SPA's QuotaBar in plain HTML). */
export function quotaNote(ctx: PageContext, storage: QuotaResponse['storage']): Html | null {
  if (!storage) return null;
  const ratio = Math.min(1, storage.usedBytes / storage.limitBytes);
  const usage = ctx.tr('quota.usage', { used: formatBytes(ctx.locale, storage.usedBytes), total: formatBytes(ctx.locale, storage.limitBytes) });
  return html`<section class="quota" aria-labelledby="quota-label"><h2 id="quota-label">${ctx.tr('quota.label')}</h2>
<p><meter min="0" max="1" high="${QUOTA_WARNING_RATIO}" optimum="0" value="${ratio.toFixed(4)}">${usage}</meter> ${usage}</p>
${ratio > QUOTA_WARNING_RATIO ? html`<p class="error" role="alert">${ctx.tr('quota.warning', { percent: Math.floor(ratio * 100) })}</p>` : null}
</section>`;
}

export async function basicFolders(app: FastifyInstance, services: Services): Promise<void> {
  app.get(`${BASIC}/folders`, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const folders = await services.mail.folders(mailContext(request));
    const quota = await services.mail.quota(mailContext(request));
    return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('basic.folders'), html`${folderNav(ctx, folders, null)}${quotaNote(ctx, quota.storage)}`));
  });
}
