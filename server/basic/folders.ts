// The folder list of the no-JavaScript pages: special folders first with their localized
// names and unread counts, subfolders nested.
import type { FastifyInstance } from 'fastify';
import type { Folder } from '../../src/shared/api.js';
import type { MessageKey } from '../../src/shared/i18n/translate.js';
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

export async function basicFolders(app: FastifyInstance, services: Services): Promise<void> {
  app.get(`${BASIC}/folders`, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const folders = await services.mail.folders(mailContext(request));
    return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('basic.folders'), folderNav(ctx, folders, null)));
  });
}
