import { For, onMount } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { MessageKey } from '../../shared/i18n/en.js';

const KEYS: MessageKey[] = ['keys.next', 'keys.previous', 'keys.open', 'keys.back', 'keys.delete', 'keys.flag', 'keys.help'];

export function KeyboardHelp(props: { onClose(): void }) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal?.());
  return (
    <dialog ref={dialog} class="keyboard-help" aria-labelledby="keys-title" onClose={() => props.onClose()} onCancel={() => props.onClose()}>
      <h2 id="keys-title">{t('keys.title')}</h2>
      <ul><For each={KEYS}>{(key) => <li>{t(key)}</li>}</For></ul>
      <button type="button" onClick={() => { dialog.close?.(); props.onClose(); }}>{t('keys.close')}</button>
    </dialog>
  );
}
