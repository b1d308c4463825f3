// The buttons that act on messages (the checked ones in the list, or the one being read): one
// submit button per action, named `action`, plus the folder choice for "move". They sit inside
// a form that posts to /basic/mail/action with the folder, the UIDs and where to go back to.
import type { Folder } from '../../src/shared/api.js';
import { folderName } from './folders.js';
import { html, type Html } from './html.js';
import type { PageContext } from './layout.js';

export const ACTIONS = ['read', 'unread', 'flag', 'unflag', 'move', 'spam', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** Where "delete" expunges for good (RFC 3501 §6.4.3) instead of moving to Trash. */
export function deletesForGood(folders: Folder[], current: Folder | null): boolean {
  const hasTrash = (list: Folder[]): boolean => list.some((f) => f.specialUse === 'trash' || hasTrash(f.children));
  return current?.specialUse === 'trash' || !hasTrash(folders);
}

function moveTargets(ctx: PageContext, folders: Folder[], current: string | null, depth = 0): Html[] {
  return folders.flatMap((folder) => [
    ...(folder.selectable && folder.path !== current
      ? [html`<option value="${folder.path}">${'\u2003'.repeat(depth)}${folderName(ctx, folder)}</option>`]
      : []),
    ...moveTargets(ctx, folder.children, current, depth + 1),
  ]);
}

/** `markRead`: offer "mark read" (the list) — the message page has just marked it read itself. */
export function actionButtons(ctx: PageContext, folders: Folder[], current: Folder | null, markRead: boolean): Html {
  const button = (action: Action, label: string) => html`<button type="submit" name="action" value="${action}">${label}</button>`;
  const forGood = deletesForGood(folders, current);
  return html`<fieldset class="actions">
<legend>${markRead ? ctx.tr('basic.withSelected') : ctx.tr('basic.thisMessage')}</legend>
${markRead ? button('read', ctx.tr('action.markRead')) : null}
${button('unread', ctx.tr('action.markUnread'))}
${button('flag', ctx.tr('action.flag'))}
${button('unflag', ctx.tr('action.unflag'))}
${current?.specialUse === 'junk' ? null : button('spam', ctx.tr('action.spam'))}
${button('delete', forGood ? ctx.tr('action.deleteForever') : ctx.tr('action.delete'))}
<span class="move">
<label for="target">${ctx.tr('action.moveTo')}</label>
<select id="target" name="target">${moveTargets(ctx, folders, current?.path ?? null)}</select>
${button('move', ctx.tr('basic.move'))}
</span>
</fieldset>`;
}
