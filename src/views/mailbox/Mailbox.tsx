import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import { createFolders, findFolder } from '../../state/folders.js';
import { session, signOut } from '../../state/session.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';
import { folderLabel, FolderTree } from './FolderTree.js';

export function Mailbox() {
  const params = useParams();
  const navigate = useNavigate();
  const { folders, refetch } = createFolders();
  const currentPath = () => decodeURIComponent(params.folder ?? 'INBOX');
  const current = () => (folders.state === 'ready' ? findFolder(folders(), currentPath()) : undefined);
  const user = () => {
    const state = session();
    return state.status === 'signed-in' ? state.info.user : '';
  };

  createEffect(() => {
    const folder = current();
    document.title = folder ? `${folderLabel(folder)} – ${t('app.name')}` : t('app.name');
  });

  const leave = async () => {
    try {
      await signOut();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <div class="mailbox">
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        <span class="user">{t('mailbox.signedInAs', { user: user() })}</span>
        <A href="/settings/password" class="settings-link">{t('mailbox.settings')}</A>
        <LanguageSwitch />
        <button type="button" class="signout" onClick={leave}>{t('mailbox.signOut')}</button>
      </header>
      <nav class="folders" aria-label={t('mailbox.folders')}>
        <h2 class="visually-hidden">{t('mailbox.folders')}</h2>
        <Show when={!folders.error} fallback={
          <div>
            <ErrorMessage error={folders.error} />
            <button type="button" onClick={() => void refetch()}>{t('mailbox.retry')}</button>
          </div>
        }>
          <Show when={folders.state === 'ready'} fallback={<p aria-live="polite">{t('mailbox.loading')}</p>}>
            <FolderTree folders={folders() ?? []} current={currentPath()} />
          </Show>
        </Show>
      </nav>
      <main class="content" id="main" tabindex="-1">
        <Show when={current()} fallback={<p>{t('mailbox.emptyFolder')}</p>}>
          {(folder) => (
            <>
              <h1>{folderLabel(folder())}</h1>
              <p class="folder-summary">
                {t('mailbox.messages', { count: folder().total })} · {t('mailbox.unread', { count: folder().unread })}
              </p>
            </>
          )}
        </Show>
      </main>
    </div>
  );
}
