import { Navigate, Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, Match, Switch, type JSX } from 'solid-js';
import { locale, t } from '../i18n/index.js';
import { restoreSession, session } from '../state/session.js';
import { Mailbox } from './mailbox/Mailbox.js';
import { SignIn } from './signin/SignIn.js';

// Screens not needed for the first paint load on demand (and are kept by the service worker).
const Compose = lazy(() => import('./compose/Compose.js').then((m) => ({ default: m.Compose })));
const FolderSettings = lazy(() => import('./settings/FolderSettings.js').then((m) => ({ default: m.FolderSettings })));
const MailboxSettings = lazy(() => import('./settings/MailboxSettings.js').then((m) => ({ default: m.MailboxSettings })));
const PasswordSettings = lazy(() => import('./settings/PasswordSettings.js').then((m) => ({ default: m.PasswordSettings })));
const MailProgramSetup = lazy(() => import('./settings/MailProgramSetup.js').then((m) => ({ default: m.MailProgramSetup })));

function Shell(props: RouteSectionProps) {
  // Before the first render: a remembered session shows its mailbox at once (session.ts).
  void restoreSession();
  createEffect(() => (document.documentElement.lang = locale()));
  return (
    <>
      <a class="skip-link" href="#main">{t('app.skipToContent')}</a>
      <Switch fallback={<p class="loading" aria-live="polite">…</p>}>
        <Match when={session().status !== 'unknown'}>{props.children}</Match>
      </Switch>
    </>
  );
}

function SignedIn(props: { children: JSX.Element }) {
  const location = useLocation();
  return (
    <Switch>
      <Match when={session().status === 'signed-in'}>{props.children}</Match>
      <Match when={session().status === 'signed-out'}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
    </Switch>
  );
}

function SignedOut(props: { children: JSX.Element }) {
  return (
    <Switch>
      <Match when={session().status === 'signed-out'}>{props.children}</Match>
      <Match when={session().status === 'signed-in'}>
        <Navigate href="/mail/INBOX" />
      </Match>
    </Switch>
  );
}

export function App() {
  return (
    <Router root={Shell}>
      <Route path="/login" component={() => <SignedOut><SignIn /></SignedOut>} />
      <Route path="/mail/:folder?" component={() => <SignedIn><Mailbox /></SignedIn>} />
      <Route path="/settings/password" component={() => <SignedIn><PasswordSettings /></SignedIn>} />
      <Route path="/settings/mail" component={() => <SignedIn><MailboxSettings /></SignedIn>} />
      <Route path="/settings/folders" component={() => <SignedIn><FolderSettings /></SignedIn>} />
      <Route path="/settings/setup" component={() => <SignedIn><MailProgramSetup /></SignedIn>} />
      <Route path="/compose" component={() => <SignedIn><Compose /></SignedIn>} />
      <Route path="*" component={() => <Navigate href="/mail/INBOX" />} />
    </Router>
  );
}
