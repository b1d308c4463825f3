import { describe, expect, it } from 'vitest';
import { buildFolderTree, type ListedFolder } from '../../server/mail/folder-tree.js';

const listed = (path: string, extra: Partial<ListedFolder> = {}): ListedFolder => ({
  path,
  name: path.split('/').pop()!,
  delimiter: '/',
  parentPath: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '',
  specialUse: undefined,
  subscribed: true,
  flags: new Set(),
  total: 0,
  unread: 0,
  ...extra,
});

describe('folder tree', () => {
  it('puts special folders first in a fixed order, others by name, children nested', () => {
    const tree = buildFolderTree([
      listed('Zeitung'),
      listed('Trash', { specialUse: '\\Trash' }),
      listed('Projekte'),
      listed('Projekte/2026', { unread: 3, total: 10 }),
      listed('Gesendete Objekte', { specialUse: '\\Sent' }),
      listed('INBOX', { unread: 5, total: 7 }),
      listed('Ärzte'),
      listed('Drafts', { specialUse: '\\Drafts' }),
      listed('Spam', { specialUse: '\\Junk' }),
    ]);
    expect(tree.map((f) => f.path)).toEqual(['INBOX', 'Drafts', 'Gesendete Objekte', 'Spam', 'Trash', 'Ärzte', 'Projekte', 'Zeitung']);
    expect(tree[0]).toMatchObject({ specialUse: 'inbox', unread: 5, total: 7 });
    const projects = tree.find((f) => f.path === 'Projekte')!;
    expect(projects.children).toEqual([expect.objectContaining({ path: 'Projekte/2026', unread: 3, total: 10 })]);
  });

  it('marks \\Noselect folders as not selectable', () => {
    const [folder] = buildFolderTree([listed('Archiv', { flags: new Set(['\\Noselect']) })]);
    expect(folder!.selectable).toBe(false);
  });
});
