// The sandboxed frame a sanitized body is shown in. Sanitizing is the first wall; the sandbox
// and the frame's own CSP are the second, and hold even if a parser difference lets something
// through the first.
import type { SanitizedMail } from './types.js';

/**
 * The `sandbox` attribute for the mail frame (render it with `srcdoc` = buildFrameDocument()).
 *
 * Flags we set:
 * - allow-popups: links carry target=_blank; without it clicking them does nothing.
 * - allow-popups-to-escape-sandbox: the page a link opens is the sender's ordinary site, not a
 *   scriptless copy of our sandbox that would break it.
 *
 * Flags we refuse:
 * - allow-scripts: mail never runs code. This is the one that matters most.
 * - allow-same-origin: the frame would share our origin (cookies, storage, the app's DOM via
 *   parent); with any script at all that is a full escape. Without it the frame is opaque.
 * - allow-top-navigation, allow-top-navigation-by-user-activation,
 *   allow-top-navigation-to-custom-protocols: a mail could replace the webmail with a look-alike
 *   sign-in page, or start an external handler.
 * - allow-forms: no mail form may submit anything (forms are also stripped; this holds if not).
 * - allow-modals: alert/confirm/print dialogs could pose as the app's own.
 * - allow-downloads: attachments are saved from the app's attachment list, never from a click
 *   in the body that a sender controls.
 * - allow-pointer-lock, allow-orientation-lock, allow-presentation,
 *   allow-storage-access-by-user-activation: nothing in a mail needs them.
 */
export const MAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * The frame's CSP: nothing at all by default, so no script, frame, object, connect or worker
 * source exists; inline styles; images from the message (data:, blob:, cid:) and, only when
 * the user allowed remote content, from the web, along with remote fonts and media.
 */
export function mailFrameCsp(allowRemote: boolean): string {
  const web = allowRemote ? ' https: http:' : '';
  const directives = [
    "default-src 'none'",
    `img-src data: blob: cid:${web}`,
    "style-src 'unsafe-inline'",
    ...(allowRemote ? [`font-src${web}`, `media-src${web}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

/** BCP 47-shaped, or nothing: the value lands in an attribute of our own markup. */
const LANGUAGE_TAG = /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i;

/**
 * A whole document for the frame's srcdoc. Pass `allowRemote` as the body was sanitized with
 * it; leaving it out keeps remote images blocked by the CSP, which fails closed.
 */
export function buildFrameDocument(sanitized: SanitizedMail, opts: { lang?: string; allowRemote?: boolean } = {}): string {
  const lang = opts.lang !== undefined && LANGUAGE_TAG.test(opts.lang) ? ` lang="${opts.lang}"` : '';
  return [
    '<!DOCTYPE html>',
    `<html${lang}><head>`,
    '<meta charset="utf-8">',
    // First in <head>: a meta CSP only governs what comes after it.
    `<meta http-equiv="Content-Security-Policy" content="${mailFrameCsp(opts.allowRemote === true)}">`,
    // A srcdoc frame would otherwise send the webmail's own URL as referrer with every image.
    '<meta name="referrer" content="no-referrer">',
    '</head><body>',
    sanitized.html,
    '</body></html>',
  ].join('\n');
}
