import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { Folder } from '../../shared/api.js';
import { createFolder, deleteFolder, loadFolderTree, renameFolder, setSubscribed } from '../../state/folder-admin.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { folderLabel } from '../mailbox/FolderTree.js';

function flatten(folders: Folder[], depth = 0): { folder: Folder; depth: number }[] {
  return folders.flatMap((folder) => [{ folder, depth }, ...flatten(folder.children, depth + 1)]);
}

export function FolderSettings() {
  const [tree, { mutate }] = createResource(loadFolderTree);
  const [error, setError] = createSignal<unknown>(null);
  const [renaming, setRenaming] = createSignal<string | null>(null);

  const run = async (work: () => Promise<Folder[]>) => {
    setError(null);
    try {
      mutate(await work());
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };

  return (
    <main class="settings" id="main">
      <p><A href="/mail/INBOX">{t('password.back')}</A></p>
      <h1>{t('folders.manage')}</h1>
      <ErrorMessage error={error() ?? tree.error} />
      <form
        class="folder-create"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          if (await run(() => createFolder(String(data.get('parent') ?? ''), String(data.get('name') ?? '').trim()))) form.reset();
        }}
      >
        <h2>{t('folders.create')}</h2>
        <label for="folder-name">{t('folders.name')}</label>
        <input id="folder-name" name="name" required maxlength="200" />
        <label for="folder-parent">{t('folders.parent')}</label>
        <select id="folder-parent" name="parent">
          <option value="">{t('folders.topLevel')}</option>
          <For each={flatten(tree() ?? []).filter(({ folder }) => folder.path !== 'INBOX')}>
            {({ folder, depth }) => <option value={folder.path}>{'\u00a0'.repeat(depth * 2)}{folderLabel(folder)}</option>}
          </For>
        </select>
        <button type="submit">{t('folders.add')}</button>
      </form>
      <h2>{t('folders.title')}</h2>
      <ul class="folder-admin">
        <For each={flatten(tree() ?? [])}>
          {({ folder, depth }) => (
            <li style={{ 'padding-left': `${depth * 1.25}rem` }} data-folder={folder.path}>
              <Show when={renaming() === folder.path} fallback={<span class="folder-admin-name">{folderLabel(folder)}</span>}>
                <form
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const name = String(new FormData(e.currentTarget).get('newName') ?? '').trim();
                    if (await run(() => renameFolder(folder.path, name))) setRenaming(null);
                  }}
                >
                  <label class="visually-hidden" for={`rename-${folder.path}`}>{t('folders.renameTo', { folder: folder.name })}</label>
                  <input id={`rename-${folder.path}`} name="newName" value={folder.name} required maxlength="200" />
                  <button type="submit">{t('folders.save')}</button>
                </form>
              </Show>
              <Show when={!folder.specialUse}>
                <button type="button" onClick={() => setRenaming(folder.path)}>{t('folders.rename')}</button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    if (window.confirm(t('folders.confirmDelete', { folder: folder.name }))) void run(() => deleteFolder(folder.path));
                  }}
                >{t('folders.delete')}</button>
              </Show>
              <label class="checkbox">
                <input type="checkbox" checked={folder.subscribed} disabled={folder.specialUse === 'inbox'} onChange={(e) => void run(() => setSubscribed(folder.path, e.currentTarget.checked))} />
                <span>{t('folders.subscribed')}</span>
              </label>
            </li>
          )}
        </For>
      </ul>
    </main>
  );
}
