import { createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import { formatAddress, parseAddressList, splitAddressList } from '../../shared/address.js';
import type { AddressSuggestion } from '../../shared/api.js';
import { suggestAddresses } from '../../state/compose.js';

/** One address line (To, Cc, Bcc): free typing, suggestions from the user's mail, checked on leave. */
export function AddressField(props: { id: string; label: MessageKey; value: string; onChange(value: string): void }) {
  const [suggestions, setSuggestions] = createSignal<AddressSuggestion[]>([]);
  const [touched, setTouched] = createSignal(false);
  let request = 0;
  const invalid = () => (touched() ? parseAddressList(props.value).invalid : []);

  const lookup = async (value: string) => {
    const last = value.split(/[,;]/).pop()?.trim() ?? '';
    const mine = ++request;
    if (last.length < 2) return setSuggestions([]);
    const found = await suggestAddresses(last);
    if (mine === request) setSuggestions(found.slice(0, 6));
  };

  const choose = (suggestion: AddressSuggestion) => {
    const entries = splitAddressList(props.value);
    entries.pop();
    entries.push(formatAddress(suggestion));
    props.onChange(`${entries.join(', ')}, `);
    setSuggestions([]);
    document.getElementById(props.id)?.focus();
  };

  return (
    <div class="address-field">
      <label for={props.id}>{t(props.label)}</label>
      <input
        id={props.id}
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={props.value}
        aria-invalid={invalid().length > 0}
        aria-describedby={`${props.id}-error`}
        onInput={(e) => {
          props.onChange(e.currentTarget.value);
          void lookup(e.currentTarget.value);
        }}
        onBlur={() => {
          setTouched(true);
          setTimeout(() => setSuggestions([]), 200);
        }}
      />
      <Show when={suggestions().length > 0}>
        <ul class="suggestions" role="listbox" aria-label={t(props.label)}>
          <For each={suggestions()}>
            {(s) => <li role="option" aria-selected="false"><button type="button" onMouseDown={(e) => { e.preventDefault(); choose(s); }}>{formatAddress(s)}</button></li>}
          </For>
        </ul>
      </Show>
      <p id={`${props.id}-error`} class="field-error" role={invalid().length > 0 ? 'alert' : undefined}>
        <Show when={invalid().length > 0}>{t('compose.invalid', { entries: invalid().join(', ') })}</Show>
      </p>
    </div>
  );
}
