// Creating, renaming, deleting and subscribing folders; each answers the new folder tree.
import { api } from '../api/client.js';
import type { Folder } from '../shared/api.js';

export const createFolder = (parent: string, name: string): Promise<Folder[]> => api.createFolder({ parent, name }).then((r) => r.folders);
export const renameFolder = (path: string, newName: string): Promise<Folder[]> => api.renameFolder({ path, newName }).then((r) => r.folders);
export const deleteFolder = (path: string): Promise<Folder[]> => api.deleteFolder(path).then((r) => r.folders);
export const setSubscribed = (path: string, subscribed: boolean): Promise<Folder[]> => api.subscribe({ path, subscribed }).then((r) => r.folders);
export const loadFolderTree = (): Promise<Folder[]> => api.folders().then((r) => r.folders);
