import { Show } from 'solid-js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../i18n/index.js';

/** Says in words, in the user's language, what went wrong. Announced by screen readers. */
export function ErrorMessage(props: { error: unknown }) {
  const text = () => {
    const error = props.error;
    if (!error) return '';
    if (error instanceof ApiError) return errorText(error.code, { retryAfterSeconds: error.retryAfterSeconds, detail: error.detail });
    return errorText('INTERNAL');
  };
  return (
    <Show when={props.error}>
      <p class="error" role="alert">{text()}</p>
    </Show>
  );
}
