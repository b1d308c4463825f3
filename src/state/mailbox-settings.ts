// Mailbox settings (autoresponder, forwarding, spam) as the mail server holds them, and the
// quota shown in the folder pane.
import { createSignal } from 'solid-js';
import { api } from '../api/client.js';
import type { MailboxSettingsState, QuotaResponse, SaveMailboxSettingsRequest } from '../shared/mailbox-settings.js';

export function loadMailboxSettings(): Promise<MailboxSettingsState> {
  return api.mailboxSettings();
}

export function saveMailboxSettings(request: SaveMailboxSettingsRequest): Promise<MailboxSettingsState> {
  return api.saveMailboxSettings(request);
}

const [quota, setQuota] = createSignal<QuotaResponse['storage']>(null);
let lastAsked = 0;

/** The storage quota; GETQUOTAROOT is slow on big folders, so at most once a minute. */
export { quota };

export async function refreshQuota(force = false): Promise<void> {
  if (!force && Date.now() - lastAsked < 60_000) return;
  lastAsked = Date.now();
  try {
    setQuota((await api.quota()).storage);
  } catch {
    // Offline or a passing failure: keep the last known figure.
  }
}
