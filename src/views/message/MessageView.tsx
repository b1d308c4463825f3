import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { formatBytes, locale, t } from '../../i18n/index.js';
import type { AuthMethod, ParsedAttachment, ParsedMessage } from '../../mail/parse.js';
import { renderPlainText } from '../../shared/plain-text.js';
import { buildFrameDocument, MAIL_FRAME_SANDBOX, sanitizeMailHtml } from '../../shared/sanitize/index.js';
import type { Address } from '../../shared/api.js';
import { allowRemoteFor, fullSourceUrl, loadMessage, partUrl, remoteAllowedFor } from '../../state/message.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { addressFull, formatFullDate } from '../mailbox/format.js';

const PREVIEWABLE = /^image\/(png|jpeg|gif|webp)$/;

function bytesToDataUrl(attachment: ParsedAttachment): string | null {
  if (!attachment.content || !PREVIEWABLE.test(attachment.mimeType)) return null;
  let binary = '';
  const bytes = new Uint8Array(attachment.content);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${attachment.mimeType};base64,${btoa(binary)}`;
}

function AddressLine(props: { label: string; addresses: Address[] }) {
  return (
    <Show when={props.addresses.length > 0}>
      <div class="header-line"><dt>{props.label}</dt><dd>{props.addresses.map(addressFull).join(', ')}</dd></div>
    </Show>
  );
}

function AuthBadges(props: { message: ParsedMessage }) {
  const entries = () => (Object.entries(props.message.authentication) as [AuthMethod, string][]);
  return (
    <Show when={entries().length > 0}>
      <span class="auth-badges">
        <For each={entries()}>
          {([method, verdict]) => (
            <span class={`auth auth-${verdict === 'pass' ? 'pass' : verdict === 'fail' || verdict === 'softfail' ? 'fail' : 'other'}`}>
              {verdict === 'pass' ? t('message.auth.pass', { method: method.toUpperCase() })
                : verdict === 'fail' ? t('message.auth.fail', { method: method.toUpperCase() })
                : t('message.auth.other', { method: method.toUpperCase(), verdict })}
            </span>
          )}
        </For>
      </span>
    </Show>
  );
}

function Attachments(props: { folder: string; uid: number; attachments: ParsedAttachment[] }) {
  const urls: string[] = [];
  onCleanup(() => urls.forEach((url) => URL.revokeObjectURL(url)));
  const href = (attachment: ParsedAttachment) => {
    if (attachment.omitted) return partUrl(props.folder, props.uid, attachment.omitted.part);
    // Served to ourselves as opaque bytes, so nothing in an attachment is ever interpreted.
    const url = URL.createObjectURL(new Blob([attachment.content ?? new ArrayBuffer(0)], { type: 'application/octet-stream' }));
    urls.push(url);
    return url;
  };
  return (
    <Show when={props.attachments.length > 0}>
      <section class="attachments" aria-label={t('message.attachments')}>
        <h3>{t('message.attachments')}</h3>
        <ul>
          <For each={props.attachments}>
            {(attachment) => {
              const preview = bytesToDataUrl(attachment);
              const name = attachment.filename || attachment.mimeType;
              return (
                <li>
                  <Show when={preview}><img class="attachment-preview" src={preview!} alt="" /></Show>
                  <a href={href(attachment)} download={name} aria-label={t('message.download', { name })}>{name}</a>
                  <span class="attachment-meta">{attachment.mimeType} · {formatBytes(attachment.size)}</span>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </Show>
  );
}

export function MessageView(props: { folder: string; uid: number; uidValidity: string | null; isDraft?: boolean; onBack(): void }) {
  // Wait for the folder's UIDVALIDITY (from the list): a UID names a message, and its cached
  // copy, only together with it.
  // The source is a plain string, so a new folder state with the same UIDVALIDITY (after a flag
  // change or a push) does not reload the message and its frame.
  const [message] = createResource(
    () => (props.uidValidity ? JSON.stringify([props.folder, props.uid, props.uidValidity]) : false),
    (key) => {
      const [folder, uid, uidValidity] = JSON.parse(key) as [string, number, string];
      return loadMessage(folder, uid, uidValidity);
    },
  );
  const [allowOnce, setAllowOnce] = createSignal(false);
  const sender = () => message()?.from?.address;
  const allowRemote = () => allowOnce() || remoteAllowedFor(sender());

  const body = createMemo(() => {
    const parsed = message();
    if (!parsed || parsed.html === null) return null;
    const cidUrls: Record<string, string> = {};
    for (const attachment of parsed.attachments) {
      const url = attachment.contentId ? bytesToDataUrl(attachment) : null;
      if (url && attachment.contentId) cidUrls[attachment.contentId] = url;
    }
    const sanitized = sanitizeMailHtml(parsed.html, { allowRemote: allowRemote(), cidUrls });
    return { sanitized, document: buildFrameDocument(sanitized, { lang: locale(), allowRemote: allowRemote() }) };
  });

  const composeHref = (kind: string) => `/compose?${new URLSearchParams({ kind, folder: props.folder, uid: String(props.uid) })}`;
  let frame: HTMLIFrameElement | undefined;
  const fitFrame = () => {
    // The frame is sandboxed without allow-same-origin, so its height cannot be read from
    // inside; a generous fixed height with internal scrolling is the safe choice.
    if (frame) frame.style.height = `${Math.max(400, window.innerHeight - 260)}px`;
  };

  return (
    <article class="message-view" aria-busy={message.loading}>
      <button type="button" class="back" onClick={() => props.onBack()}>{t('message.back')}</button>
      <Show when={!message.error} fallback={<ErrorMessage error={message.error} />}>
        <Show when={message()} fallback={<p aria-live="polite">{t('message.loading')}</p>}>
          {(parsed) => (
            <>
              <h2 class="message-subject">{parsed().subject || t('list.noSubject')}</h2>
              <dl class="message-headers">
                <div class="header-line"><dt>{t('message.from')}</dt><dd>{parsed().from ? addressFull(parsed().from!) : t('list.unknownSender')} <AuthBadges message={parsed()} /></dd></div>
                <AddressLine label={t('message.to')} addresses={parsed().to} />
                <AddressLine label={t('message.cc')} addresses={parsed().cc} />
                <AddressLine label={t('message.replyTo')} addresses={parsed().replyTo} />
                <div class="header-line"><dt>{t('message.date')}</dt><dd>{formatFullDate(parsed().date)}</dd></div>
              </dl>
              <p class="message-actions">
                <Show when={props.isDraft} fallback={
                  <>
                    <A href={composeHref('reply')}>{t('compose.reply')}</A>
                    <A href={composeHref('replyAll')}>{t('compose.replyAll')}</A>
                    <A href={composeHref('forward')}>{t('compose.forward')}</A>
                  </>
                }>
                  <A href={composeHref('draft')}>{t('compose.continueDraft')}</A>
                </Show>
              </p>
              <p class="message-tools">
                <a href={fullSourceUrl(props.folder, props.uid)} target="_blank" rel="noopener noreferrer">{t('message.source')}</a>
                <button type="button" onClick={() => window.print()}>{t('message.print')}</button>
              </p>
              <Show when={body() && !allowRemote() && body()!.sanitized.blocked > 0}>
                <div class="remote-bar" role="status">
                  <span>{t('message.blocked', { count: body()!.sanitized.blocked })}</span>
                  <button type="button" onClick={() => setAllowOnce(true)}>{t('message.showRemote')}</button>
                  <Show when={sender()}>
                    <button type="button" onClick={() => { allowRemoteFor(sender()!); setAllowOnce(true); }}>{t('message.alwaysSender', { sender: sender()! })}</button>
                  </Show>
                </div>
              </Show>
              <Show
                when={body()}
                fallback={<div class="plain-body" innerHTML={renderPlainText(parsed().text ?? '')} />}
              >
                {/* sandbox: no allow-scripts (mail never runs code), no allow-same-origin (the
                    body can never reach our cookies, storage or DOM), no allow-forms, no
                    allow-top-navigation; allow-popups (+ escape-sandbox) only so links open
                    in a new, normal tab. The document carries its own CSP as well. */}
                <iframe
                  ref={(el) => { frame = el; fitFrame(); }}
                  class="message-frame"
                  title={t('message.frameTitle')}
                  sandbox={MAIL_FRAME_SANDBOX}
                  referrerpolicy="no-referrer"
                  srcdoc={body()!.document}
                />
              </Show>
              <Attachments folder={props.folder} uid={props.uid} attachments={parsed().attachments.filter((a) => !a.related)} />
            </>
          )}
        </Show>
      </Show>
    </article>
  );
}
