import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import { session, signIn } from '../../state/session.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

export function SignIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const [missing, setMissing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const previous = session();
  if (previous.status === 'signed-out' && previous.reason) setError(previous.reason);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // currentTarget is gone once we await: keep the element itself.
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setError(null);
    setMissing(username === '' || password === '');
    if (missing()) return;
    setBusy(true);
    try {
      await signIn(username, password, form.get('keepOnDevice') === 'on');
      const next = typeof params.next === 'string' && params.next.startsWith('/mail/') ? params.next : '/mail/INBOX';
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      const field = formElement.elements.namedItem('password');
      if (field instanceof HTMLInputElement) field.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin" id="main">
      <div class="signin-card">
        <h1>{t('signin.title')}</h1>
        <form onSubmit={submit} novalidate aria-busy={busy()}>
          <ErrorMessage error={error()} />
          <Show when={missing()}>
            <p class="error" role="alert">{t('signin.missing')}</p>
          </Show>
          <label for="username">{t('signin.username')}</label>
          <input id="username" name="username" type="email" autocomplete="username" required autofocus inputmode="email" spellcheck={false} />
          <label for="password">{t('signin.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <label class="checkbox">
            <input type="checkbox" name="keepOnDevice" aria-describedby="keep-hint" />
            <span>{t('signin.keepOnDevice')}</span>
          </label>
          <p id="keep-hint" class="hint">{t('signin.keepOnDeviceHint')}</p>
          <button type="submit" disabled={busy()}>{busy() ? t('signin.submitting') : t('signin.submit')}</button>
        </form>
        <p class="signin-links">
          {/* The stand-alone page is served by the gateway and works without JavaScript. */}
          <a href="/password" rel="external">{t('signin.changePassword')}</a>
          {' · '}
          <a href="/basic/switch?to=basic" rel="external">{t('basic.switchToBasic')}</a>
        </p>
        <LanguageSwitch />
      </div>
    </main>
  );
}
