// Looking up a folder in the tree the gateway answers (GET /api/folders), for the SPA and the
// no-JavaScript pages alike.
import type { Folder } from './api.js';

export function findFolder(folders: Folder[], path: string): Folder | undefined {
  for (const folder of folders) {
    if (folder.path === path) return folder;
    const inner = findFolder(folder.children, path);
    if (inner) return inner;
  }
  return undefined;
}

/** The tree as one list, parents before their children. */
export function flattenFolders(folders: Folder[]): Folder[] {
  return folders.flatMap((folder) => [folder, ...flattenFolders(folder.children)]);
}
