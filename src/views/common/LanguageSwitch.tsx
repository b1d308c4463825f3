import { For } from 'solid-js';
import { LOCALES, locale, setLocale, t, type Locale } from '../../i18n/index.js';

export function LanguageSwitch() {
  return (
    <label class="language-switch">
      <span>{t('lang.label')}</span>
      <select value={locale()} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
        <For each={LOCALES}>{(code) => <option value={code} lang={code}>{t(`lang.${code}`)}</option>}</For>
      </select>
    </label>
  );
}
