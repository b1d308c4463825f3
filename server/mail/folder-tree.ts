// Turns the server's flat LIST into the tree the UI shows: special-use folders first in a fixed
// order (RFC 6154 roles), the rest by name, children under their parents.
import type { Folder, SpecialUse } from '../../src/shared/api.js';

export interface ListedFolder {
  path: string;
  name: string;
  delimiter: string;
  parentPath: string;
  specialUse: string | undefined;
  subscribed: boolean;
  flags: Set<string>;
  total: number;
  unread: number;
}

const ROLE_BY_FLAG: Record<string, SpecialUse> = {
  '\\Inbox': 'inbox',
  '\\Drafts': 'drafts',
  '\\Sent': 'sent',
  '\\Archive': 'archive',
  '\\Junk': 'junk',
  '\\Trash': 'trash',
  '\\All': 'all',
  '\\Flagged': 'flagged',
};

export const ROLE_ORDER: SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash', 'flagged', 'all'];

/** The folder's role: INBOX by its name (RFC 3501 §5.1), the others by their RFC 6154 flag. */
export function roleOf(folder: { path: string; specialUse?: string | undefined }): SpecialUse | null {
  if (folder.path.toUpperCase() === 'INBOX') return 'inbox';
  return (folder.specialUse && ROLE_BY_FLAG[folder.specialUse]) || null;
}

function compareFolders(a: Folder, b: Folder): number {
  const rank = (f: Folder) => (f.specialUse ? ROLE_ORDER.indexOf(f.specialUse) : ROLE_ORDER.length);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

export function buildFolderTree(listed: ListedFolder[]): Folder[] {
  const byPath = new Map<string, Folder>();
  for (const item of listed) {
    byPath.set(item.path, {
      path: item.path,
      name: item.name,
      delimiter: item.delimiter,
      specialUse: roleOf(item),
      subscribed: item.subscribed,
      selectable: !item.flags.has('\\Noselect') && !item.flags.has('\\NonExistent'),
      total: item.total,
      unread: item.unread,
      children: [],
    });
  }
  const roots: Folder[] = [];
  for (const item of listed) {
    const folder = byPath.get(item.path)!;
    const parent = item.parentPath ? byPath.get(item.parentPath) : undefined;
    (parent ? parent.children : roots).push(folder);
  }
  const sortDeep = (folders: Folder[]) => {
    folders.sort(compareFolders);
    folders.forEach((f) => sortDeep(f.children));
  };
  sortDeep(roots);
  return roots;
}
