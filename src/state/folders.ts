// The folder tree of the signed-in mailbox.
import { createResource } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import type { Folder } from '../shared/api.js';
import { sessionLost } from './session.js';

export function createFolders() {
  const [folders, { refetch }] = createResource(async (): Promise<Folder[]> => {
    try {
      return (await api.folders()).folders;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'AUTH_REQUIRED' || error.code === 'SESSION_EXPIRED')) sessionLost(error);
      throw error;
    }
  });
  return { folders, refetch };
}

export function findFolder(folders: Folder[], path: string): Folder | undefined {
  for (const folder of folders) {
    if (folder.path === path) return folder;
    const inner = findFolder(folder.children, path);
    if (inner) return inner;
  }
  return undefined;
}
