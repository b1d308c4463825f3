// Autoresponder, forwarding, spam and virus handling: what the mail server does with incoming
// mail. The form shows the settings as the server holds them, and after saving, what it holds
// then. What the user typed stays in the form when saving fails.
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/client.js';
import { errorText, t } from '../../i18n/index.js';
import {
  MARKED_MAIL_ACTIONS,
  normalizeTargets,
  settingsProblems,
  type MailboxSettings as Settings,
  type MailboxSettingsState,
  type MarkedMailAction,
} from '../../shared/mailbox-settings.js';
import type { ErrorCode } from '../../shared/errors.js';
import { loadMailboxSettings, saveMailboxSettings } from '../../state/mailbox-settings.js';
import { session } from '../../state/session.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

function MarkedMailChoice(props: { name: 'spam' | 'virus'; value: MarkedMailAction; onChange(value: MarkedMailAction): void }) {
  return (
    <fieldset>
      <legend>{t(props.name === 'spam' ? 'spam.spam' : 'spam.virus')}</legend>
      <For each={MARKED_MAIL_ACTIONS}>
        {(action) => (
          <label class="checkbox">
            <input type="radio" name={props.name} value={action} checked={props.value === action} onChange={() => props.onChange(action)} />
            <span>{t(`spam.${action}`)}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

export function MailboxSettings() {
  const [state, { mutate }] = createResource(loadMailboxSettings);
  const [draft, setDraft] = createSignal<Settings | null>(null);
  const [targetsText, setTargetsText] = createSignal<string | null>(null);
  const [replaceActive, setReplaceActive] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const [problems, setProblems] = createSignal<ErrorCode[]>([]);
  const [failure, setFailure] = createSignal<unknown>(null);

  const mailbox = () => {
    const current = session();
    return current.status === 'signed-in' ? current.info.user : '';
  };
  // The form edits a copy; until the first edit it shows the server's settings.
  const form = (): Settings | null => draft() ?? state()?.settings ?? null;
  const targets = () => targetsText() ?? (form()?.forwarding.targets.join('\n') ?? '');
  const edit = (change: (s: Settings) => void) => {
    const next = structuredClone(form()!);
    change(next);
    setDraft(next);
    setSaved(false);
  };
  const withTargets = (): Settings => {
    const settings = structuredClone(form()!);
    settings.forwarding.targets = normalizeTargets(targets().split(/[\n,;]+/));
    return settings;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const settings = withTargets();
    const found = settingsProblems(settings, mailbox());
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const result: MailboxSettingsState = await saveMailboxSettings({ settings, replaceActive: replaceActive() });
      mutate(result);
      setDraft(null);
      setTargetsText(null);
      setReplaceActive(false);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) setProblems(error.problems);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="settings mailbox-settings" id="main">
      <p><A href="/mail/INBOX">{t('password.back')}</A></p>
      <h1>{t('mailsettings.title')}</h1>
      <p>{t('mailsettings.intro')}</p>
      <Show when={!state.error} fallback={<ErrorMessage error={state.error} />}>
        <Show when={state()} fallback={<p aria-live="polite">{t('mailsettings.loading')}</p>}>
          {(current) => (
            <Show when={current().enabled} fallback={<p class="error" role="alert">{errorText('FILTERS_UNAVAILABLE')}</p>}>
              <form onSubmit={submit} novalidate aria-busy={busy()}>
                <Show when={saved()}><p class="notice" role="status">{t('mailsettings.saved')}</p></Show>
                <Show when={current().expiredApplied}>
                  <p class="notice" role="status">{t(current().settings.autoresponder.message === '' ? 'mailsettings.expiredDeleted' : 'mailsettings.expiredDeactivated')}</p>
                </Show>
                <Show when={current().editedElsewhere}><p class="notice">{t('mailsettings.editedElsewhere')}</p></Show>
                <Show when={current().otherScripts.length > 0}>
                  <p class="hint">{t('mailsettings.otherScripts', { names: current().otherScripts.join(', ') })}</p>
                </Show>
                <Show when={problems().length > 0}>
                  <div class="error" role="alert"><ul><For each={problems()}>{(code) => <li>{errorText(code)}</li>}</For></ul></div>
                </Show>
                <ErrorMessage error={failure()} />

                <fieldset>
                  <legend>{t('autoreply.title')}</legend>
                  <label class="checkbox">
                    <input type="checkbox" name="autoreplyActive" checked={form()!.autoresponder.active}
                      onChange={(e) => { const on = e.currentTarget.checked; edit((s) => { s.autoresponder.active = on; }); }} />
                    <span>{t('autoreply.active')}</span>
                  </label>
                  <label for="autoreply-prefix">{t('autoreply.prefix')}</label>
                  <input id="autoreply-prefix" name="subjectPrefix" maxLength={current().limits.maxPrefixLength} value={form()!.autoresponder.subjectPrefix}
                    aria-describedby="autoreply-prefix-hint" onInput={(e) => { const v = e.currentTarget.value; edit((s) => { s.autoresponder.subjectPrefix = v; }); }} />
                  <p id="autoreply-prefix-hint" class="hint">{t('autoreply.prefixHint')}</p>
                  <label for="autoreply-message">{t('autoreply.message')}</label>
                  <textarea id="autoreply-message" name="message" rows="6" maxLength={current().limits.maxMessageLength} value={form()!.autoresponder.message}
                    onInput={(e) => { const v = e.currentTarget.value; edit((s) => { s.autoresponder.message = v; }); }} />
                  <div class="date-range">
                    <span>
                      <label for="autoreply-start">{t('autoreply.start')}</label>
                      <input id="autoreply-start" name="startDate" type="date" value={form()!.autoresponder.startDate ?? ''}
                        onInput={(e) => { const v = e.currentTarget.value; edit((s) => { s.autoresponder.startDate = v || null; }); }} />
                    </span>
                    <span>
                      <label for="autoreply-end">{t('autoreply.end')}</label>
                      <input id="autoreply-end" name="endDate" type="date" value={form()!.autoresponder.endDate ?? ''}
                        onInput={(e) => { const v = e.currentTarget.value; edit((s) => { s.autoresponder.endDate = v || null; }); }} />
                    </span>
                  </div>
                  <fieldset>
                    <legend>{t('autoreply.afterEnd')}</legend>
                    <For each={['deactivate', 'delete'] as const}>
                      {(choice) => (
                        <label class="checkbox">
                          <input type="radio" name="afterEnd" value={choice} checked={form()!.autoresponder.afterEnd === choice}
                            onChange={() => edit((s) => { s.autoresponder.afterEnd = choice; })} />
                          <span>{t(`autoreply.afterEnd.${choice}`)}</span>
                        </label>
                      )}
                    </For>
                  </fieldset>
                  <p class="hint">{t('autoreply.days', { days: current().limits.vacationDays })}</p>
                </fieldset>

                <fieldset>
                  <legend>{t('forward.title')}</legend>
                  <label for="forward-targets">{t('forward.targets', { max: current().limits.maxForwardTargets })}</label>
                  <textarea id="forward-targets" name="targets" rows="4" value={targets()} aria-describedby="forward-hint"
                    autocomplete="off" spellcheck={false}
                    onInput={(e) => { setTargetsText(e.currentTarget.value); setSaved(false); if (!draft()) setDraft(structuredClone(form()!)); }} />
                  <p id="forward-hint" class="hint">{t('forward.none')}</p>
                  <label class="checkbox">
                    <input type="checkbox" name="keepCopy" checked={form()!.forwarding.keepCopy}
                      onChange={(e) => { const on = e.currentTarget.checked; edit((s) => { s.forwarding.keepCopy = on; }); }} />
                    <span>{t('forward.keepCopy')}</span>
                  </label>
                </fieldset>

                <fieldset>
                  <legend>{t('spam.title')}</legend>
                  <MarkedMailChoice name="spam" value={form()!.spam} onChange={(v) => edit((s) => { s.spam = v; })} />
                  <MarkedMailChoice name="virus" value={form()!.virus} onChange={(v) => edit((s) => { s.virus = v; })} />
                </fieldset>

                <Show when={current().otherActiveScript}>
                  <p class="notice">{t('mailsettings.otherActive', { name: current().otherActiveScript! })}</p>
                  <label class="checkbox">
                    <input type="checkbox" name="replaceActive" checked={replaceActive()} onChange={(e) => setReplaceActive(e.currentTarget.checked)} />
                    <span>{t('mailsettings.replaceActive', { name: current().otherActiveScript! })}</span>
                  </label>
                </Show>
                <button type="submit" disabled={busy()}>{busy() ? t('mailsettings.saving') : t('mailsettings.save')}</button>
              </form>
            </Show>
          )}
        </Show>
      </Show>
      <LanguageSwitch />
    </main>
  );
}
