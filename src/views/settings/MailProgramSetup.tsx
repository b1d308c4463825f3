import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { MailServerSettings, MailSetupResponse } from '../../shared/api.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import { MAIL_PROGRAMS, serverRows } from '../../shared/mail-setup.js';
import { APPLE_PROFILE_URL, loadMailSetup } from '../../state/mail-setup.js';
import { ErrorMessage } from '../common/ErrorMessage.js';
import { LanguageSwitch } from '../common/LanguageSwitch.js';

function ServerSettings(props: { setup: MailSetupResponse; server: MailServerSettings; id: string; heading: MessageKey }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{t(props.heading)}</h2>
      <dl class="server-settings">
        <For each={serverRows(props.setup, props.server, t)}>{(row) => <><dt>{row.label}</dt><dd>{row.value}</dd></>}</For>
      </dl>
    </section>
  );
}

export function MailProgramSetup() {
  const [setup] = createResource(loadMailSetup);
  return (
    <main class="settings" id="main">
      <p><A href="/mail/INBOX">{t('password.back')}</A></p>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <ErrorMessage error={setup.error} />
      <Show when={!setup.error && setup()} fallback={<Show when={!setup.error}><p aria-live="polite">{t('setup.loading')}</p></Show>}>
        {(loaded) => (
          <>
            <Show when={loaded().address}>
              <dl class="server-settings"><dt>{t('setup.address')}</dt><dd>{loaded().address}</dd></dl>
            </Show>
            <ServerSettings setup={loaded()} server={loaded().incoming} id="setup-incoming" heading="setup.incoming" />
            <ServerSettings setup={loaded()} server={loaded().outgoing} id="setup-outgoing" heading="setup.outgoing" />
            <p class="hint">{t('setup.smtpAuth')}</p>
            <h2>{t('setup.programs')}</h2>
            <For each={MAIL_PROGRAMS}>
              {(program) => (
                <section aria-labelledby={`program-${program.id}`}>
                  <h3 id={`program-${program.id}`}>{t(program.title)}</h3>
                  <p>{t(program.hint)}</p>
                  <Show when={program.profile}>
                    <p><a href={APPLE_PROFILE_URL} download="">{t('setup.apple.download')}</a></p>
                  </Show>
                </section>
              )}
            </For>
          </>
        )}
      </Show>
      <LanguageSwitch />
    </main>
  );
}
