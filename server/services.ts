// What routes get from the app: built once in app.ts, closed with it.
import type { Config } from './config.js';
import type { MailService } from './mail/service.js';
import type { PasswordService } from './password/service.js';
import type { MailboxSettingsService } from './sieve/service.js';
import type { LoginLimits } from './session/login-limits.js';
import type { Sessions } from './session/sessions.js';

export interface Services {
  config: Config;
  sessions: Sessions;
  loginLimits: LoginLimits;
  mail: MailService;
  passwords: PasswordService;
  mailboxSettings: MailboxSettingsService;
}
