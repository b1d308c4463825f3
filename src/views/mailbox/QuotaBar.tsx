import { onCleanup, onMount, Show } from 'solid-js';
import { formatBytes, t } from '../../i18n/index.js';
import { QUOTA_WARNING_RATIO } from '../../shared/mailbox-settings.js';
import { quota, refreshQuota } from '../../state/mailbox-settings.js';

/** Storage used of the quota, as a bar, with a warning above 90 %. */
export function QuotaBar() {
  // GETQUOTAROOT takes ~100 ms on a 100k folder (FACTS) and shares the session's IMAP
  // connection: ask once the first list window has had its turn.
  onMount(() => {
    const timer = window.setTimeout(() => void refreshQuota(true), 1500);
    onCleanup(() => clearTimeout(timer));
  });
  const ratio = () => {
    const q = quota();
    return q ? Math.min(1, q.usedBytes / q.limitBytes) : 0;
  };
  return (
    <Show when={quota()}>
      {(q) => (
        <div class="quota" classList={{ 'quota-full': ratio() > QUOTA_WARNING_RATIO }}>
          <label for="quota-meter">{t('quota.label')}</label>
          <meter id="quota-meter" min="0" max="1" high={QUOTA_WARNING_RATIO} optimum="0" value={ratio()} />
          <p class="quota-usage">{t('quota.usage', { used: formatBytes(q().usedBytes), total: formatBytes(q().limitBytes) })}</p>
          <Show when={ratio() > QUOTA_WARNING_RATIO}>
            <p class="error" role="alert">{t('quota.warning', { percent: Math.floor(ratio() * 100) })}</p>
          </Show>
        </div>
      )}
    </Show>
  );
}
