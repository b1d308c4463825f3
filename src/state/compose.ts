// A message being written: every keystroke goes to IndexedDB at once, to the IMAP Drafts folder
// every few seconds and when the screen is left, and nothing is dropped when sending fails.
import { api, ApiError } from '../api/client.js';
import { openCache, type LocalDraft } from '../cache/db.js';
import { parseAddressList } from '../shared/address.js';
import type { AddressSuggestion, ComposeMessage, DraftContent, SendResponse, UploadedAttachment } from '../shared/api.js';

export type { LocalDraft };

export function newComposeId(): string {
  return crypto.randomUUID();
}

export function draftFromContent(content: DraftContent, draftUid?: number): LocalDraft {
  return {
    composeId: content.composeId,
    updatedAt: Date.now(),
    to: content.to.join(', '),
    cc: content.cc.join(', '),
    bcc: content.bcc.join(', '),
    subject: content.subject,
    text: content.text,
    attachments: content.attachments,
    ...(content.original ? { original: content.original } : {}),
    ...(draftUid !== undefined ? { draftUid } : {}),
  };
}

export function emptyDraft(): LocalDraft {
  return { composeId: newComposeId(), updatedAt: Date.now(), to: '', cc: '', bcc: '', subject: '', text: '', attachments: [] };
}

export async function saveLocal(user: string, draft: LocalDraft): Promise<void> {
  await (await openCache(user)).put('localDrafts', { ...draft, updatedAt: Date.now() });
}

export async function removeLocal(user: string, composeId: string): Promise<void> {
  await (await openCache(user)).delete('localDrafts', composeId);
}

/** Unsent messages left from an earlier visit (a closed tab, a crash), newest first. */
export async function unsentLocalDrafts(user: string): Promise<LocalDraft[]> {
  const all = await (await openCache(user)).getAllFromIndex('localDrafts', 'updatedAt');
  return all.reverse();
}

export function toMessage(draft: LocalDraft): ComposeMessage {
  const list = (text: string) => parseAddressList(text).addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address));
  return {
    composeId: draft.composeId,
    to: list(draft.to),
    cc: list(draft.cc),
    bcc: list(draft.bcc),
    subject: draft.subject,
    text: draft.text,
    attachments: draft.attachments.map((a) => a.id),
    ...(draft.original ? { original: draft.original } : {}),
  };
}

/** Every address field's entries that are not addresses; sending waits until there are none. */
export function invalidAddresses(draft: LocalDraft): string[] {
  return [draft.to, draft.cc, draft.bcc].flatMap((field) => parseAddressList(field).invalid);
}

export async function saveToServer(draft: LocalDraft): Promise<number | null> {
  const { uid } = await api.saveDraft({ ...toMessage(draft), ...(draft.draftUid !== undefined ? { replaceUid: draft.draftUid } : {}) });
  return uid;
}

export function send(draft: LocalDraft): Promise<SendResponse> {
  return api.sendMessage({ ...toMessage(draft), ...(draft.draftUid !== undefined ? { draftUid: draft.draftUid } : {}) });
}

export function startReply(original: NonNullable<LocalDraft['original']>, lang: string): Promise<DraftContent> {
  return api.startCompose({ composeId: newComposeId(), original }, lang);
}

export function openServerDraft(folder: string, uid: number): Promise<DraftContent> {
  return api.loadDraft(folder, uid, newComposeId());
}

export function suggestAddresses(q: string): Promise<AddressSuggestion[]> {
  return api.contacts(q).catch(() => []);
}

export function upload(composeId: string, file: File, onProgress: (sent: number, total: number) => void) {
  return api.uploadAttachment(composeId, file, onProgress);
}

export function removeUpload(composeId: string, attachment: UploadedAttachment): Promise<void> {
  return api.removeAttachment(composeId, attachment.id).catch((error: unknown) => {
    if (!(error instanceof ApiError && error.code === 'UPLOAD_NOT_FOUND')) throw error;
  });
}
