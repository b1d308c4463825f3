// A failure the gateway means to show the user: a code from src/shared/errors.ts plus context
// for the log. The error handler turns it into the JSON body; anything else becomes INTERNAL.
import type { ErrorCode } from '../src/shared/errors.js';

export class Failure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly context: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
    /** Every rule a refused new password broke. */
    readonly problems?: ErrorCode[],
    /** Words from the mail server, or the name the error refers to, shown after the text. */
    readonly detail?: string,
  ) {
    super(code);
    this.name = 'Failure';
  }
}
