// What a user typed into the /basic compose form, kept between the round trips of one message
// (attach, a refused attachment, a refused send): a page without JavaScript has no other place
// to hold it, and the issue says nothing typed is ever lost. Kept in memory per session and
// compose id, bounded like the upload store that holds the same message's files (16 messages
// per session, 4 hours untouched); a second gateway instance cannot see it, just as it cannot
// see the uploads.
import type { ComposeMessage } from '../../src/shared/api.js';

export interface ComposeForm {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  /** Upload-store ids of the attachments, in order, with what the page shows of them. */
  attachments: { id: string; filename: string; size: number }[];
  original?: ComposeMessage['original'];
  /** The version of this message in Drafts, replaced on the next save and removed on send. */
  draftUid?: number;
}

export const EMPTY_FORM: ComposeForm = { to: '', cc: '', bcc: '', subject: '', text: '', attachments: [] };

const FORMS_PER_SESSION = 16;

interface Kept {
  form: ComposeForm;
  usedAt: number;
}

export class ComposeForms {
  private readonly sessions = new Map<string, Map<string, Kept>>();
  private sweptAt = 0;

  constructor(
    private readonly unusedMs = 4 * 3600_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(sessionKey: string, composeId: string): ComposeForm | undefined {
    this.sweep();
    const forms = this.sessions.get(sessionKey);
    const kept = forms?.get(composeId);
    if (!forms || !kept) return undefined;
    kept.usedAt = this.now();
    forms.delete(composeId);
    forms.set(composeId, kept);
    return kept.form;
  }

  set(sessionKey: string, composeId: string, form: ComposeForm): void {
    this.sweep();
    let forms = this.sessions.get(sessionKey);
    if (!forms) {
      forms = new Map();
      this.sessions.set(sessionKey, forms);
    }
    forms.delete(composeId);
    if (forms.size >= FORMS_PER_SESSION) forms.delete(forms.keys().next().value!);
    // Re-inserted last: the Map's order is the order of use, the first entry the least recent.
    forms.set(composeId, { form, usedAt: this.now() });
  }

  drop(sessionKey: string, composeId: string): void {
    const forms = this.sessions.get(sessionKey);
    forms?.delete(composeId);
    if (forms?.size === 0) this.sessions.delete(sessionKey);
  }

  /** Forgets forms untouched too long; looks at most once a minute, not on every request. */
  private sweep(): void {
    if (this.now() - this.sweptAt < 60_000) return;
    this.sweptAt = this.now();
    const cutoff = this.now() - this.unusedMs;
    for (const [sessionKey, forms] of this.sessions) {
      for (const [composeId, kept] of forms) if (kept.usedAt < cutoff) forms.delete(composeId);
      if (forms.size === 0) this.sessions.delete(sessionKey);
    }
  }
}
