// Writing mail: send, drafts, replies and forwards, address suggestions (ARCHITECTURE:
// server/mail). Everything that can refuse a message does so before SMTP: addresses, header
// injection, missing uploads, sizes. What the user typed stays in the browser until success,
// so a refusal loses nothing. After SMTP accepted the message nothing fails the request any
// more: the Sent copy, the original's flag and the draft's removal are logged when they fail.
import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import PostalMime, { type Email } from 'postal-mime';
import type {
  AddressSuggestion, ComposeMessage, DraftContent, SaveDraftRequest, SaveDraftResponse, SendRequest, SendResponse, StartComposeRequest,
} from '../../src/shared/api.js';
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import { assertNoHeaderInjection, envelopeRecipients, sendableRecipients } from '../smtp/addresses.js';
import { buildMessage, newMessageId, withoutBcc, type MessageParts, type Threading } from '../smtp/compose.js';
import { submitMessage } from '../smtp/transport.js';
import { addContact, collectContacts, suggest, type ContactBook } from './contacts.js';
import { draftOriginalHeader, ORIGINAL_HEADER, originalFromDraft } from './draft-original.js';
import { markOriginal, messageSourceOf, originalThreading, type OriginalRef } from './original.js';
import { entriesOf, startContent, type QuoteStyle } from './reply-content.js';
import type { MailContext } from './service.js';
import { appendDraft, appendSent, deleteDraft } from './stored-copies.js';
import { UploadStore, type StoredAttachment } from './uploads.js';

export type WithClient = <T>(ctx: MailContext, operation: (client: ImapFlow) => Promise<T>) => Promise<T>;
export type Log = Pick<FastifyBaseLogger, 'warn' | 'info'>;

export class ComposeService {
  readonly uploads: UploadStore;
  private readonly contactBooks = new Map<string, Promise<ContactBook>>();

  constructor(
    private readonly config: Config,
    private readonly withClient: WithClient,
    uploadRoot: string,
  ) {
    this.uploads = new UploadStore(uploadRoot, config.maxAttachmentBytes);
  }

  private attachmentsOf(ctx: MailContext, message: ComposeMessage): StoredAttachment[] {
    return this.uploads.pick(ctx.sessionKey, message.composeId, message.attachments);
  }

  /** Threading headers of the original; none when it is gone meanwhile (the answer still goes out). */
  private async threadingFor(ctx: MailContext, original: OriginalRef | undefined, log: Log): Promise<Threading | null> {
    if (!original) return null;
    try {
      return await this.withClient(ctx, (client) => originalThreading(client, original));
    } catch (error) {
      if (!(error instanceof Failure) || (error.code !== 'MESSAGE_NOT_FOUND' && error.code !== 'FOLDER_NOT_FOUND')) throw error;
      log.info({ original, code: error.code }, 'original of an answer is gone; sending without threading headers');
      return null;
    }
  }

  private parts(ctx: MailContext, message: ComposeMessage, recipients: MessageParts['recipients'], attachments: StoredAttachment[], threading: Threading | null): MessageParts {
    return {
      from: ctx.user,
      recipients,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments,
      messageId: newMessageId(ctx.user),
      threading,
    };
  }

  async send(ctx: MailContext, request: SendRequest, log: Log): Promise<SendResponse> {
    const recipients = sendableRecipients(request);
    const attachments = this.attachmentsOf(ctx, request);
    const attachmentBytes = attachments.reduce((sum, file) => sum + file.size, 0);
    if (attachmentBytes > this.config.maxAttachmentBytes) throw new Failure('ATTACHMENTS_TOO_LARGE', { attachmentBytes });
    const threading = await this.threadingFor(ctx, request.original, log);
    const parts = this.parts(ctx, request, { checked: recipients }, attachments, threading);
    const raw = await buildMessage(parts);
    const submitted = withoutBcc(raw);
    if (submitted.length > this.config.maxMessageBytes) throw new Failure('MESSAGE_TOO_LARGE', { messageBytes: submitted.length });

    await submitMessage(this.config.smtp, { user: ctx.user, password: ctx.password }, { from: ctx.user, to: envelopeRecipients(recipients) }, submitted);
    log.info({ messageId: parts.messageId, bytes: submitted.length, recipients: envelopeRecipients(recipients).length }, 'message sent');

    const afterwards = async (what: string, step: () => Promise<unknown>): Promise<boolean> => {
      try {
        await step();
        return true;
      } catch (error) {
        log.warn({ err: error, step: what, messageId: parts.messageId }, 'step after sending failed');
        return false;
      }
    };
    const savedToSent = await afterwards('copy to Sent', () => this.withClient(ctx, (client) => appendSent(client, raw)));
    const { original, draftUid } = request;
    if (original) await afterwards('flag original', () => this.withClient(ctx, (client) => markOriginal(client, original)));
    if (draftUid !== undefined) await afterwards('delete draft', () => this.withClient(ctx, (client) => deleteDraft(client, draftUid)));
    await afterwards('remove uploads', () => this.uploads.dropCompose(ctx.sessionKey, request.composeId));
    void this.contactBooks.get(ctx.sessionKey)?.then((book) => {
      for (const mailbox of [...recipients.to, ...recipients.cc, ...recipients.bcc]) addContact(book, mailbox.name, mailbox.address);
    }, () => undefined);
    return { messageId: parts.messageId, savedToSent };
  }

  /** Stores the message as it is in Drafts (incomplete addresses too) and drops the version it replaces. */
  async saveDraft(ctx: MailContext, request: SaveDraftRequest, log: Log): Promise<SaveDraftResponse> {
    assertNoHeaderInjection(request);
    const attachments = this.attachmentsOf(ctx, request);
    const threading = await this.threadingFor(ctx, request.original, log);
    const typed = { to: request.to, cc: request.cc, bcc: request.bcc };
    const parts = this.parts(ctx, request, { typed }, attachments, threading);
    if (request.original) parts.headers = { [ORIGINAL_HEADER]: draftOriginalHeader(request.original) };
    const raw = await buildMessage(parts);
    if (raw.length > this.config.maxMessageBytes) throw new Failure('MESSAGE_TOO_LARGE', { messageBytes: raw.length });
    const uid = await this.withClient(ctx, (client) => appendDraft(client, raw));
    const { replaceUid } = request;
    if (replaceUid !== undefined && replaceUid !== uid) {
      try {
        await this.withClient(ctx, (client) => deleteDraft(client, replaceUid));
      } catch (error) {
        // The new version is safe in Drafts; an old one left behind is only clutter.
        log.warn({ err: error, replaceUid }, 'replaced draft could not be deleted');
      }
    }
    return { uid };
  }

  private async parsed(ctx: MailContext, folder: string, uid: number): Promise<Email> {
    const source = await this.withClient(ctx, (client) => messageSourceOf(client, folder, uid));
    return PostalMime.parse(source, { attachmentEncoding: 'arraybuffer' });
  }

  /** Copies the message's attachments into the upload store under `composeId` (replacing what was there). */
  private async copyAttachments(ctx: MailContext, composeId: string, email: Email): Promise<DraftContent['attachments']> {
    await this.uploads.dropCompose(ctx.sessionKey, composeId);
    const copied = [];
    for (const attachment of email.attachments) {
      const content = typeof attachment.content === 'string' ? Buffer.from(attachment.content, 'utf8') : new Uint8Array(attachment.content);
      copied.push(await this.uploads.add(ctx.sessionKey, composeId, { filename: attachment.filename, contentType: attachment.mimeType, content }));
    }
    return copied;
  }

  async loadDraft(ctx: MailContext, folder: string, uid: number, composeId: string): Promise<DraftContent> {
    const email = await this.parsed(ctx, folder, uid);
    const original = originalFromDraft(email);
    return {
      composeId,
      to: entriesOf(email.to),
      cc: entriesOf(email.cc),
      bcc: entriesOf(email.bcc),
      subject: email.subject ?? '',
      text: (email.text ?? '').replace(/\r\n?/g, '\n'),
      ...(email.html ? { html: email.html } : {}),
      attachments: await this.copyAttachments(ctx, composeId, email),
      ...(original ? { original } : {}),
    };
  }

  async start(ctx: MailContext, request: StartComposeRequest, style: QuoteStyle): Promise<DraftContent> {
    const { original } = request;
    const email = await this.parsed(ctx, original.folder, original.uid);
    const content = startContent(email, original.kind, ctx.user, style);
    const attachments = original.kind === 'forward' ? await this.copyAttachments(ctx, request.composeId, email) : [];
    if (original.kind !== 'forward') await this.uploads.dropCompose(ctx.sessionKey, request.composeId);
    return { composeId: request.composeId, ...content, bcc: [], attachments, original };
  }

  async contacts(ctx: MailContext, query: string): Promise<AddressSuggestion[]> {
    let book = this.contactBooks.get(ctx.sessionKey);
    if (!book) {
      const scan = this.withClient(ctx, (client) => collectContacts(client, ctx.user));
      this.contactBooks.set(ctx.sessionKey, scan);
      // A failed scan is not cached: the next keystroke tries again.
      scan.catch(() => this.contactBooks.get(ctx.sessionKey) === scan && this.contactBooks.delete(ctx.sessionKey));
      book = scan;
    }
    return suggest(await book, query);
  }

  async endSession(sessionKey: string): Promise<void> {
    this.contactBooks.delete(sessionKey);
    await this.uploads.dropSession(sessionKey);
  }

  async close(): Promise<void> {
    this.contactBooks.clear();
    await this.uploads.close();
  }
}
