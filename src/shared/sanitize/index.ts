// Sanitizing HTML mail: a chain of small named transforms over one DOMPurify pass (after
// Proton's pipeline), returning a report of what was found and withheld (after Tutanota).
import { baseTransform } from './base.js';
import { cidImagesTransform } from './cid-images.js';
import { linksTransform } from './links.js';
import { runTransforms } from './pipeline.js';
import { remoteContentTransform } from './remote-content.js';
import { stylesTransform } from './styles.js';
import type { MailTransform, SanitizedMail, SanitizeOptions } from './types.js';

/**
 * Order matters: base removes what may not exist before anything looks at it; cid images are
 * resolved before the remote transform, which lets exactly those blob: URLs through; styles
 * runs last so it also filters the data-original-style the remote transform wrote.
 */
export const MAIL_TRANSFORMS: readonly MailTransform[] = [
  baseTransform,
  linksTransform,
  cidImagesTransform,
  remoteContentTransform,
  stylesTransform,
];

/** Every mail is hostile HTML until this has run over it. */
export function sanitizeMailHtml(html: string, options: SanitizeOptions): SanitizedMail {
  return runTransforms(html, MAIL_TRANSFORMS, options);
}

export { runTransforms } from './pipeline.js';
export { baseTransform } from './base.js';
export { linksTransform } from './links.js';
export { cidImagesTransform, contentIdOf } from './cid-images.js';
export { remoteContentTransform, isTrackingPixel, keepCssPiece } from './remote-content.js';
export { stylesTransform, isSafeCss } from './styles.js';
export { buildFrameDocument, mailFrameCsp, MAIL_FRAME_SANDBOX } from './frame.js';
export type { MailTransform, SanitizeContext, SanitizedMail, SanitizeOptions, WindowLike } from './types.js';
