// Writing a message. What the user types is saved to IndexedDB at once and to the Drafts
// folder every few seconds and on leaving, so neither a crash nor a refused send loses it.
import { A, useBeforeLeave, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { ApiError } from '../../api/client.js';
import { errorText, formatBytes, locale, t } from '../../i18n/index.js';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../shared/limits.js';
import {
  draftFromContent, emptyDraft, invalidAddresses, openServerDraft, removeLocal, removeUpload, saveLocal, saveToServer, send,
  startReply, unsentLocalDrafts, upload, type LocalDraft,
} from '../../state/compose.js';
import { session } from '../../state/session.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { AddressField } from './AddressField.js';

const SERVER_SAVE_MS = 5000;

interface Upload {
  key: number;
  name: string;
  size: number;
  percent: number;
}

let uploadKeys = 0;

export function Compose() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [draft, setDraft] = createStore<LocalDraft>(emptyDraft());
  const [ready, setReady] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [uploads, setUploads] = createSignal<Upload[]>([]);
  const [sending, setSending] = createSignal(false);
  const [savedAt, setSavedAt] = createSignal<Date | null>(null);
  const [restorable, setRestorable] = createSignal<LocalDraft | null>(null);
  const [dragging, setDragging] = createSignal(false);
  let dirty = false;
  let done = false;

  const user = () => {
    const state = session();
    return state.status === 'signed-in' ? state.info.user : '';
  };
  const limit = () => {
    const state = session();
    return state.status === 'signed-in' ? state.info.limits.maxAttachmentBytes : DEFAULT_MAX_ATTACHMENT_BYTES;
  };
  const used = () => draft.attachments.reduce((sum, a) => sum + a.size, 0);

  const snapshot = (): LocalDraft => structuredClone(unwrap(draft));
  const change = (patch: Partial<LocalDraft>) => {
    setDraft(patch);
    dirty = true;
    void saveLocal(user(), snapshot());
  };

  const saveServer = async () => {
    if (!dirty || done) return;
    dirty = false;
    try {
      const uid = await saveToServer(snapshot());
      if (uid !== null) setDraft({ draftUid: uid });
      await saveLocal(user(), snapshot());
      setSavedAt(new Date());
    } catch (failure) {
      // Kept locally; the next tick tries again.
      dirty = true;
      if (failure instanceof ApiError && failure.code !== 'NETWORK') setError(failure);
    }
  };

  onMount(async () => {
    const kind = search.kind;
    const folder = typeof search.folder === 'string' ? search.folder : '';
    const uid = typeof search.uid === 'string' ? Number(search.uid) : NaN;
    try {
      if ((kind === 'reply' || kind === 'replyAll' || kind === 'forward') && folder && uid > 0) {
        setDraft(draftFromContent(await startReply({ folder, uid, kind }, locale())));
        dirty = true;
      } else if (kind === 'draft' && folder && uid > 0) {
        setDraft(draftFromContent(await openServerDraft(folder, uid), uid));
      } else {
        const [latest] = await unsentLocalDrafts(user()).catch(() => []);
        if (latest) setRestorable(latest);
      }
      if (typeof search.to === 'string') setDraft({ to: search.to });
    } catch (failure) {
      setLoadError(failure);
    }
    setReady(true);
    const timer = setInterval(() => void saveServer(), SERVER_SAVE_MS);
    onCleanup(() => clearInterval(timer));
  });

  useBeforeLeave(async (event) => {
    if (done || !dirty) return;
    event.preventDefault();
    await saveServer();
    event.retry(true);
  });

  const addFiles = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      // Refused here, before a byte is sent: the gateway enforces the same limit while streaming.
      const pendingBytes = uploads().reduce((sum, u) => sum + u.size, 0);
      if (used() + pendingBytes + file.size > limit()) {
        setError(null);
        setNotice(t('compose.tooLarge', { name: file.name, limit: formatBytes(limit()) }));
        continue;
      }
      const key = ++uploadKeys;
      setUploads([...uploads(), { key, name: file.name, size: file.size, percent: 0 }]);
      const task = upload(draft.composeId, file, (sent, total) => {
        setUploads(uploads().map((u) => (u.key === key ? { ...u, percent: Math.round((sent / Math.max(total, 1)) * 100) } : u)));
      });
      task.done
        .then((attachment) => change({ attachments: [...draft.attachments, attachment] }))
        .catch((failure: unknown) => setError(failure))
        .finally(() => setUploads(uploads().filter((u) => u.key !== key)));
    }
  };

  const removeAttachment = async (id: string) => {
    const attachment = draft.attachments.find((a) => a.id === id);
    if (!attachment) return;
    change({ attachments: draft.attachments.filter((a) => a.id !== id) });
    await removeUpload(draft.composeId, attachment).catch((failure: unknown) => setError(failure));
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const bad = invalidAddresses(draft);
    if (bad.length > 0) return setNotice(t('compose.invalid', { entries: bad.join(', ') }));
    if (draft.to.trim() === '' && draft.cc.trim() === '' && draft.bcc.trim() === '') return setError(new ApiError('NO_RECIPIENTS', 400));
    setSending(true);
    try {
      const result = await send(snapshot());
      done = true;
      await removeLocal(user(), draft.composeId).catch(() => undefined);
      navigate(`/mail/INBOX?sent=${result.savedToSent ? '1' : 'nocopy'}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  const discard = async () => {
    if (!window.confirm(t('compose.confirmDiscard'))) return;
    done = true;
    await removeLocal(user(), draft.composeId).catch(() => undefined);
    navigate('/mail/INBOX');
  };

  return (
    <main
      class="compose"
      id="main"
      classList={{ dragging: dragging() }}
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (e.dataTransfer?.files.length) addFiles(e.dataTransfer.files);
      }}
    >
      <p><A href="/mail/INBOX">{t('password.back')}</A></p>
      <h1>{draft.original?.kind === 'forward' ? t('compose.forward') : draft.original ? t('compose.reply') : t('compose.title')}</h1>
      <ErrorMessage error={loadError()} />
      <Show when={restorable()}>
        {(old) => (
          <div class="notice" role="status">
            {t('compose.restore', { time: new Date(old().updatedAt).toLocaleString(locale()) })}{' '}
            <button type="button" onClick={() => { setDraft(structuredClone(old())); setRestorable(null); }}>{t('compose.restoreYes')}</button>{' '}
            <button type="button" onClick={() => { void removeLocal(user(), old().composeId); setRestorable(null); }}>{t('compose.restoreNo')}</button>
          </div>
        )}
      </Show>
      <Show when={ready()} fallback={<p aria-live="polite">{t('compose.loading')}</p>}>
        <form onSubmit={submit} novalidate aria-busy={sending()}>
          <Show when={error()}>
            <p class="error" role="alert">
              {error() instanceof ApiError
                ? errorText((error() as ApiError).code, { limitBytes: limit(), retryAfterSeconds: (error() as ApiError).retryAfterSeconds })
                : errorText('INTERNAL')}
            </p>
          </Show>
          <Show when={notice()}><p class="error" role="alert">{notice()}</p></Show>
          <AddressField id="compose-to" label="compose.to" value={draft.to} onChange={(to) => change({ to })} />
          <AddressField id="compose-cc" label="compose.cc" value={draft.cc} onChange={(cc) => change({ cc })} />
          <AddressField id="compose-bcc" label="compose.bcc" value={draft.bcc} onChange={(bcc) => change({ bcc })} />
          <label for="compose-subject">{t('compose.subject')}</label>
          <input id="compose-subject" type="text" value={draft.subject} maxlength="998" onInput={(e) => change({ subject: e.currentTarget.value.replace(/[\r\n]+/g, ' ') })} />
          <label for="compose-body">{t('compose.body')}</label>
          <textarea id="compose-body" rows="16" value={draft.text} onInput={(e) => change({ text: e.currentTarget.value })} />
          <section class="compose-attachments" aria-label={t('compose.attach')}>
            <label class="attach-button">
              {t('compose.attach')}
              <input type="file" multiple onChange={(e) => { if (e.currentTarget.files) addFiles(e.currentTarget.files); e.currentTarget.value = ''; }} />
            </label>
            <span class="hint">{t('compose.dropHere')} · {t('compose.attachmentsTotal', { used: formatBytes(used()), limit: formatBytes(limit()) })}</span>
            <ul>
              <For each={draft.attachments}>
                {(attachment) => (
                  <li>
                    <span>{attachment.filename}</span> <span class="attachment-meta">{formatBytes(attachment.size)}</span>
                    <button type="button" aria-label={t('compose.remove', { name: attachment.filename })} onClick={() => void removeAttachment(attachment.id)}>✕</button>
                  </li>
                )}
              </For>
              <For each={uploads()}>
                {(u) => (
                  <li class="uploading">
                    <span>{t('compose.uploading', { name: u.name, percent: u.percent })}</span>
                    <progress max="100" value={u.percent} aria-label={u.name} />
                  </li>
                )}
              </For>
            </ul>
          </section>
          <div class="compose-actions">
            <button type="submit" class="primary" disabled={sending() || uploads().length > 0}>{sending() ? t('compose.sending') : t('compose.send')}</button>
            <button type="button" onClick={() => { dirty = true; void saveServer(); }}>{t('compose.saveDraft')}</button>
            <button type="button" class="danger" onClick={() => void discard()}>{t('compose.discard')}</button>
            <span class="hint" aria-live="polite">
              {savedAt() ? t('compose.savedAt', { time: savedAt()!.toLocaleTimeString(locale()) }) : t('compose.savedLocally')}
            </span>
          </div>
        </form>
      </Show>
    </main>
  );
}
