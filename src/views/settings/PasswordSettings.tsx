import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/client.js';
import { errorText, t } from '../../i18n/index.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import { session } from '../../state/session.js';
import { changePassword, loadPasswordPolicy, loadPasswordTools, problemsOf } from '../../state/password.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

export function PasswordSettings() {
  const [policy] = createResource(loadPasswordPolicy);
  const [tools] = createResource(loadPasswordTools);
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [reveal, setReveal] = createSignal(false);
  const [touched, setTouched] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [serverError, setServerError] = createSignal<ApiError | null>(null);
  const [done, setDone] = createSignal(false);
  const mailbox = () => {
    const state = session();
    return state.status === 'signed-in' ? state.info.user : '';
  };

  const problems = createMemo(() => {
    const rules = policy();
    const helpers = tools();
    if (!rules || !helpers || !touched()) return [];
    return problemsOf({ mailbox: mailbox(), currentPassword: current(), newPassword: next(), confirmPassword: confirm() }, rules, helpers.isCommon);
  });
  const strength = createMemo(() => (tools() && next() ? tools()!.strength(next(), [mailbox(), ...mailbox().split(/[@.]/)]) : null));
  const messages = createMemo(() => {
    const rules = policy();
    const codes = serverError() ? (serverError()!.problems.length > 0 ? serverError()!.problems : [serverError()!.code]) : problems();
    return codes.map((code) => errorText(code, { retryAfterSeconds: serverError()?.retryAfterSeconds, passwordPolicy: rules }));
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    setServerError(null);
    if (current() === '' || problems().length > 0) return;
    setBusy(true);
    try {
      await changePassword(current(), next());
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      setTouched(false);
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new ApiError('INTERNAL', 0));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: string, label: MessageKey, value: () => string, set: (v: string) => void, autocomplete: string, describedBy?: string) => (
    <>
      <label for={id}>{t(label)}</label>
      <input
        id={id}
        name={id}
        type={reveal() ? 'text' : 'password'}
        autocomplete={autocomplete}
        value={value()}
        aria-describedby={describedBy}
        onInput={(e) => {
          set(e.currentTarget.value);
          setDone(false);
          setServerError(null);
          if (id !== 'currentPassword' && next() !== '' && confirm() !== '') setTouched(true);
        }}
        required
      />
    </>
  );

  return (
    <main class="settings" id="main">
      <p><A href="/mail/INBOX">{t('password.back')}</A></p>
      <h1>{t('password.title')}</h1>
      <p>{t('password.intro')}</p>
      <Show when={policy()?.enabled !== false} fallback={<p class="error" role="alert">{errorText('PASSWORD_CHANGE_UNAVAILABLE')}</p>}>
        <form onSubmit={submit} novalidate aria-busy={busy()}>
          <Show when={done()}>
            <p class="notice" role="status">{t('password.done')}</p>
          </Show>
          <Show when={messages().length > 0}>
            <div class="error" role="alert">
              <ul><For each={messages()}>{(message) => <li>{message}</li>}</For></ul>
            </div>
          </Show>
          {field('currentPassword', 'password.current', current, setCurrent, 'current-password')}
          {field('newPassword', 'password.new', next, setNext, 'new-password', 'password-rules password-strength')}
          <p id="password-rules" class="hint">{t('password.rules', { min: policy()?.minLength ?? 15, max: policy()?.maxLength ?? 64 })}</p>
          <p id="password-strength" class="hint" aria-live="polite">
            <Show when={strength() !== null}>
              <meter min="0" max="4" low="2" high="3" optimum="4" value={strength()!} aria-hidden="true" />{' '}
              {t('password.strength', { level: t(`password.strength${strength()!}` as MessageKey) })}
            </Show>
          </p>
          {field('confirmPassword', 'password.confirm', confirm, setConfirm, 'new-password')}
          <label class="checkbox">
            <input type="checkbox" checked={reveal()} onChange={(e) => setReveal(e.currentTarget.checked)} />
            <span>{t('password.show')}</span>
          </label>
          <button type="submit" disabled={busy()}>{busy() ? t('password.submitting') : t('password.submit')}</button>
        </form>
      </Show>
      <LanguageSwitch />
    </main>
  );
}
