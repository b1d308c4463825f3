// Browser notifications of new mail, only when the user allowed them and the tab is not in view.
import { createSignal } from 'solid-js';
import { t } from '../i18n/index.js';

const supported = typeof Notification !== 'undefined';
const [permission, setPermission] = createSignal<NotificationPermission>(supported ? Notification.permission : 'denied');

/** Whether to offer the "notify me" button (the browser has not been asked yet). */
export const notificationsAsk = () => supported && permission() === 'default';

export async function askForNotifications(): Promise<void> {
  if (!supported) return;
  setPermission(await Notification.requestPermission());
}

export function notifyNewMail(unread: number): void {
  if (!supported || permission() !== 'granted') return;
  new Notification(t('app.name'), { body: t('push.newMail', { count: unread }), tag: 'webmail-new-mail' });
}
