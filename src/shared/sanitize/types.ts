import type { UponSanitizeAttributeHookEvent, UponSanitizeElementHookEvent, WindowLike } from 'dompurify';

export type { WindowLike };

/** What the sanitizer hands back (Tutanota's shape: the HTML plus what it found and withheld). */
export interface SanitizedMail {
  /** Body markup for a sandboxed frame; see buildFrameDocument. */
  html: string;
  /**
   * Remote references left out of this rendering: one per fetching attribute or CSS url(), one
   * per tracking pixel removed, one per @import. With allowRemote only the last two remain,
   * since they are never loaded; show "images were blocked" when !allowRemote && blocked > 0.
   */
  blocked: number;
  /** Content-IDs (without `cid:` and angle brackets) the body refers to, first use first. */
  cids: string[];
  /** The http(s)/mailto hrefs that survived, once each, in document order. */
  links: string[];
}

export interface SanitizeOptions {
  /** Load remote images, fonts and CSS backgrounds (the user's "show images"). */
  allowRemote: boolean;
  /** The window DOMPurify parses with: required in a Worker and on the server (jsdom). */
  window?: WindowLike;
  /** Content-ID -> blob: or data:image URL of that part; `cid:` sources are rewritten to them. */
  cidUrls?: Readonly<Record<string, string>>;
}

/** What the transforms of one run share: the caller's choices and the report being built. */
export interface SanitizeContext {
  readonly allowRemote: boolean;
  readonly cidUrls: Readonly<Record<string, string>>;
  /** blob:/data: URLs the cid transform put in; the only blob: URLs allowed through. */
  readonly trustedUrls: Set<string>;
  blocked: number;
  readonly cids: string[];
  readonly links: string[];
}

/** One named step of the pipeline; each hook is a DOMPurify hook of the same name. */
export interface MailTransform {
  readonly name: string;
  uponSanitizeElement?(node: Node, event: UponSanitizeElementHookEvent, context: SanitizeContext): void;
  uponSanitizeAttribute?(element: Element, event: UponSanitizeAttributeHookEvent, context: SanitizeContext): void;
  afterSanitizeAttributes?(element: Element, context: SanitizeContext): void;
}
