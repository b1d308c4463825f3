// What the set-up screens show (the SPA's and /basic's alike): the rows of each server and the
// programs with their hints, in the user's language through the translate function given.
import type { MailServerSettings, MailSetupResponse } from './api.js';
import type { MessageKey } from './i18n/en.js';

export interface SetupRow {
  label: string;
  value: string;
}

type Translate = (key: MessageKey) => string;

export function serverRows(setup: MailSetupResponse, server: MailServerSettings, tr: Translate): SetupRow[] {
  return [
    { label: tr('setup.server'), value: server.host },
    { label: tr('setup.port'), value: String(server.port) },
    { label: tr('setup.security'), value: tr(server.security === 'tls' ? 'setup.security.tls' : 'setup.security.starttls') },
    { label: tr('setup.username'), value: setup.username },
    { label: tr('setup.password'), value: tr('setup.passwordValue') },
    { label: tr('setup.authentication'), value: tr('setup.authenticationValue') },
  ];
}

/** Per program: its heading and hint; `profile` marks the one that offers the Apple profile. */
export const MAIL_PROGRAMS: { id: string; title: MessageKey; hint: MessageKey; profile?: true }[] = [
  { id: 'thunderbird', title: 'setup.thunderbird', hint: 'setup.thunderbird.hint' },
  { id: 'outlook', title: 'setup.outlook', hint: 'setup.outlook.hint' },
  { id: 'apple', title: 'setup.apple', hint: 'setup.apple.hint', profile: true },
  { id: 'android', title: 'setup.phone', hint: 'setup.phone.hint' },
];
