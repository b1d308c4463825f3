// The mailbox screen: folders, the message list with its search and sort, the open message.
// Folder, sort, search, filter and the open message live in the URL, so reload, back and
// sharing a link work.
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { batch, createEffect, createMemo, createSignal, lazy, on, onCleanup, onMount, Show } from 'solid-js';
import { errorText, t } from '../../i18n/index.js';
import type { MessageRow, QuickFilter, SortKey, SortOrder } from '../../shared/api.js';
import { createFolders, findFolder } from '../../state/folders.js';
import { notice, removeMessages, replayOutbox, setFlag, setNotice, type ActionNotice } from '../../state/message-actions.js';
import { createMessageList } from '../../state/message-list.js';
import { noteReachability, online } from '../../state/online.js';
import { askForNotifications, notificationsAsk, notifyNewMail } from '../../state/notifications.js';
import { listenForMail } from '../../sync/push.js';
import { ensureLiveSession, session, signOut } from '../../state/session.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

import { folderLabel, FolderTree } from './FolderTree.js';
import { KeyboardHelp } from './KeyboardHelp.js';
import { MessageListView } from './MessageList.js';
import { SearchBar } from './SearchBar.js';
import { QuotaBar } from './QuotaBar.js';
import { refreshQuota } from '../../state/mailbox-settings.js';
import { Toolbar } from './Toolbar.js';

const SORTS: SortKey[] = ['arrival', 'date', 'from', 'subject', 'size'];
// The message view brings the MIME parser and the sanitizer: loaded when a message is opened.
const MessageView = lazy(() => import('../message/MessageView.js').then((m) => ({ default: m.MessageView })));
function noticeText(n: ActionNotice): string {
  if (n.queued) return t('offline.queued');
  if (n.replayed) {
    const parts = [t('offline.replayed', { count: n.replayed.applied })];
    if (n.replayed.missing > 0) parts.push(t('offline.replayMissing', { count: n.replayed.missing }));
    if (n.replayed.refused > 0) parts.push(t('offline.replayRefused', { count: n.replayed.refused, reason: n.error ? errorText(n.error.code) : '' }));
    return parts.join(' ');
  }
  if (n.error) return errorText(n.error.code, { retryAfterSeconds: n.error.retryAfterSeconds });
  return t('action.missing', { count: n.missing ?? 0 });
}

const messageCount = (count: number) => (count === 1 ? t('list.countOne') : t('list.count', { count }));

export function Mailbox() {
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { folders, error: foldersError, refetch } = createFolders();
  const list = createMessageList();
  const [cursor, setCursor] = createSignal(0);
  const [selected, setSelected] = createSignal<Set<number>>(new Set());
  const [help, setHelp] = createSignal(false);

  const currentPath = () => decodeURIComponent(params.folder ?? 'INBOX');
  const current = () => { const tree = folders(); return tree ? findFolder(tree, currentPath()) : undefined; };
  const sort = (): SortKey => (SORTS.includes(search.sort as SortKey) ? (search.sort as SortKey) : 'arrival');
  const order = (): SortOrder => (search.order === 'asc' ? 'asc' : 'desc');
  const filter = (): QuickFilter => (search.filter === 'unread' || search.filter === 'flagged' ? search.filter : 'all');
  const query = () => (typeof search.q === 'string' ? search.q : '');
  const openUid = () => (typeof search.m === 'string' && /^\d+$/.test(search.m) ? Number(search.m) : null);
  const user = () => {
    const state = session();
    return state.status === 'signed-in' ? state.info.user : '';
  };

  createEffect(() => {
    list.open({ folder: currentPath(), sort: sort(), order: order(), q: query() || undefined, filter: filter() === 'all' ? undefined : filter() });
  });
  createEffect(on(() => list.params(), () => batch(() => {
    setCursor(0);
    setSelected(new Set<number>());
  })));

  createEffect(() => {
    const folder = current();
    const unread = folder?.unread ?? 0;
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${folder ? `${folderLabel(folder)} – ` : ''}${t('app.name')}`;
  });

  /** The messages an action applies to: the selection, else the open one, else the cursor's. */
  const targets = createMemo((): number[] => {
    if (selected().size > 0) return [...selected()];
    const uid = openUid() ?? list.rows[cursor()]?.uid;
    return uid === undefined ? [] : [uid];
  });
  const targetRows = () => targets().map((uid) => list.rowByUid(uid)).filter((r): r is MessageRow => r !== undefined);

  const refreshAfterRemoval = (uids: number[]) => {
    if (openUid() !== null && uids.includes(openUid()!)) setSearch({ m: undefined });
    setSelected(new Set<number>());
    // Rows stay (struck through) until the fresh ones arrive: no blank list in between.
    void list.revalidate().then(() => list.markLeaving(uids, false));
    void refetch();
  };

  const open = (row: MessageRow) => {
    setSearch({ m: String(row.uid) });
    if (!row.flags.seen) void setFlag(list, currentPath(), [row.uid], 'seen', true, () => void refetch());
  };
  const back = () => setSearch({ m: undefined });

  const toggleSelect = (row: MessageRow) => {
    const next = new Set(selected());
    if (next.has(row.uid)) next.delete(row.uid);
    else next.add(row.uid);
    setSelected(next);
  };

  const markRead = (read: boolean) => void setFlag(list, currentPath(), targets(), 'seen', read, () => void refetch());
  const flag = (value: boolean) => void setFlag(list, currentPath(), targets(), 'flagged', value);
  const move = async (target: string) => {
    const uids = targets();
    if (await removeMessages(list, currentPath(), uids, { move: target })) refreshAfterRemoval(uids);
  };
  const remove = async () => {
    const uids = targets();
    if (uids.length === 0) return;
    if (current()?.specialUse === 'trash' && !window.confirm(t('action.confirmDeleteForever', { count: uids.length }))) return;
    if (await removeMessages(list, currentPath(), uids, 'delete')) refreshAfterRemoval(uids);
  };

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || help()) return;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const last = Math.max(0, (list.total() ?? 1) - 1);
    const moveCursor = (position: number) => {
      setCursor(position);
      const row = list.rows[position];
      if (openUid() !== null && row) open(row);
    };
    switch (event.key) {
      case 'j': moveCursor(Math.min(last, cursor() + 1)); break;
      case 'k': moveCursor(Math.max(0, cursor() - 1)); break;
      case 'Enter': { const row = list.rows[cursor()]; if (row) open(row); break; }
      case 'u': back(); break;
      case '#': void remove(); break;
      case 's': { const rows = targetRows(); if (rows.length > 0) flag(rows.some((r) => !r.flags.flagged)); break; }
      case '?': setHelp(true); break;
      default: return;
    }
    event.preventDefault();
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));

  // Changes made offline go to the server as soon as it answers again (and once at start).
  createEffect(on(online, (isOnline) => {
    if (!isOnline) return;
    // A session restored from this device while offline has no CSRF token yet: fetch it first.
    void ensureLiveSession().then(() => replayOutbox()).then((report) => {
      if (report && !report.stillOffline) {
        void list.revalidate();
        void refetch();
      }
    });
  }));

  // New mail: pushed for INBOX while this tab is open; other folders are checked on a timer.
  let lastInboxUidNext: number | null = null;
  onMount(() => {
    let stop = () => undefined as void;
    let gone = false;
    // Shown from the remembered session: the stream opens once the gateway has confirmed it.
    void ensureLiveSession().then(() => {
      if (gone) return;
      stop = listenForMail(user(), (event) => {
        noteReachability();
        const arrived = lastInboxUidNext !== null && event.uidNext > lastInboxUidNext;
        lastInboxUidNext = event.uidNext;
        void refetch();
        if (currentPath() === event.folder) void list.syncNow();
        if (arrived && document.hidden) notifyNewMail(event.unread);
        // New mail fills the mailbox: the quota follows (at most once a minute).
        if (arrived) void refreshQuota();
      });
    });
    const timer = window.setInterval(() => {
      if (currentPath() !== 'INBOX') void list.syncNow().then((delta) => delta && void refetch());
    }, 60_000);
    onCleanup(() => {
      gone = true;
      stop();
      clearInterval(timer);
    });
  });

  const dropOnFolder = async (path: string, data: string) => {
    try {
      const { folder, uids } = JSON.parse(data) as { folder: string; uids: number[] };
      if (folder !== currentPath() || path === folder) return;
      if (await removeMessages(list, folder, uids, { move: path })) refreshAfterRemoval(uids);
    } catch {
      // Not our drag.
    }
  };

  const leave = async () => {
    try {
      await signOut();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <div class="mailbox" classList={{ 'has-message': openUid() !== null }}>
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        <A href="/compose" class="compose-button">{t('compose.new')}</A>
        <span class="user">{t('mailbox.signedInAs', { user: user() })}</span>
        <Show when={notificationsAsk()}>
          <button type="button" class="notify" onClick={() => void askForNotifications()}>{t('push.enable')}</button>
        </Show>
        <A href="/settings/password" class="settings-link">{t('mailbox.settings')}</A>
        <LanguageSwitch />
        <button type="button" class="signout" onClick={leave}>{t('mailbox.signOut')}</button>
      </header>
      <Show when={!online()}>
        <p class="offline-bar" role="status">{t('offline.notice')}</p>
      </Show>
      <nav class="folders" aria-label={t('mailbox.folders')}>
        <h2 class="visually-hidden">{t('mailbox.folders')}</h2>
        <Show when={!foldersError()} fallback={
          <div>
            <ErrorMessage error={foldersError()} />
            <button type="button" onClick={() => void refetch()}>{t('mailbox.retry')}</button>
          </div>
        }>
          <Show when={folders() !== undefined} fallback={<p aria-live="polite">{t('mailbox.loading')}</p>}>
            <FolderTree folders={folders() ?? []} current={currentPath()} onDropMessages={dropOnFolder} />
            <p class="manage-folders"><A href="/settings/folders">{t('folders.manage')}</A></p>
            <p class="manage-folders"><A href="/settings/mail">{t('mailsettings.link')}</A></p>
            <p class="manage-folders"><A href="/settings/setup">{t('setup.link')}</A></p>
          </Show>
        </Show>
        <QuotaBar />
      </nav>
      <main class="content" id="main" tabindex="-1">
        <div class="list-pane">
          <h1 class="folder-heading">
            {current() ? folderLabel(current()!) : currentPath()}
            <span class="folder-summary"> · {messageCount(list.total() ?? current()?.total ?? 0)}</span>
          </h1>
          <SearchBar
            query={query()}
            sort={sort()}
            order={order()}
            filter={filter()}
            sorts={SORTS}
            onSearch={(q) => setSearch({ q: q || undefined, m: undefined })}
            onSort={(s, o) => setSearch({ sort: s === 'arrival' ? undefined : s, order: o === 'desc' ? undefined : o })}
            onFilter={(f) => setSearch({ filter: f === 'all' ? undefined : f, m: undefined })}
          />
          <Toolbar
            count={targets().length}
            inTrash={current()?.specialUse === 'trash'}
            inJunk={current()?.specialUse === 'junk'}
            anyUnread={targetRows().some((r) => !r.flags.seen)}
            anyUnflagged={targetRows().length === 0 || targetRows().some((r) => !r.flags.flagged)}
            moveTargets={(folders() ?? []).filter((f) => f.path !== currentPath())}
            onMarkRead={markRead}
            onFlag={flag}
            onMove={(path) => void move(path)}
            onSpam={() => void move('junk')}
            onDelete={() => void remove()}
          />
          <Show when={search.sent}>
            <div class="notice" role="status">
              {search.sent === 'nocopy' ? t('compose.sentNoCopy') : t('compose.sent')}
              <button type="button" class="dismiss" onClick={() => setSearch({ sent: undefined })}>{t('action.dismiss')}</button>
            </div>
          </Show>
          <Show when={notice()}>
            {(n) => (
              <div class={n().kind === 'error' ? 'error' : 'notice'} role="alert">
                {noticeText(n())}
                <button type="button" class="dismiss" onClick={() => setNotice(null)}>{t('action.dismiss')}</button>
              </div>
            )}
          </Show>
          <MessageListView
            list={list}
            folder={currentPath()}
            openUid={openUid()}
            cursor={cursor()}
            selected={selected()}
            onCursor={setCursor}
            onOpen={open}
            onToggleSelect={toggleSelect}
          />
        </div>
        <Show when={openUid()}>
          {(uid) => <MessageView folder={currentPath()} uid={uid()} uidValidity={list.folderState()?.uidValidity ?? null} isDraft={current()?.specialUse === 'drafts'} onBack={back} />}
        </Show>
      </main>
      <Show when={help()}><KeyboardHelp onClose={() => setHelp(false)} /></Show>
    </div>
  );
}

