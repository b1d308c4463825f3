// Thunderbird's autoconfig file (clientConfig 1.1, as documented by Mozilla's "Autoconfiguration
// in Thunderbird" and its ISPDB): the client asks the mail domain's web server for it with the
// address being set up and fills the account wizard from it. No password and no per-user secret
// goes in; the user name is Thunderbird's own %EMAILADDRESS% placeholder.
import type { ConnectionSecurity, MailServerSettings } from '../../src/shared/api.js';
import type { Config } from '../config.js';
import { domainOf } from './mail-setup.js';
import { element, xmlDocument } from './xml.js';

/** The paths Thunderbird tries on a mail domain's web server (and the ISP form on autoconfig.<domain>). */
export const AUTOCONFIG_PATHS = ['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml'] as const;

const SOCKET_TYPE: Record<ConnectionSecurity, string> = { tls: 'SSL', starttls: 'STARTTLS' };

function serverElement(tag: 'incomingServer' | 'outgoingServer', type: 'imap' | 'smtp', server: MailServerSettings) {
  return element(
    tag,
    { type },
    element('hostname', {}, server.host),
    element('port', {}, server.port),
    element('socketType', {}, SOCKET_TYPE[server.security]),
    element('username', {}, '%EMAILADDRESS%'),
    element('authentication', {}, 'password-cleartext'),
  );
}

/** `emailAddress`: what Thunderbird sent as ?emailaddress=, already checked to be an address (or undefined). */
export function autoconfigXml(programs: Config['mailPrograms'], emailAddress?: string): string {
  const providerDomain = domainOf(emailAddress) ?? (programs.domain || programs.imap.host);
  const domains = [...new Set([providerDomain, programs.domain].filter((d) => d !== ''))];
  return xmlDocument(
    element(
      'clientConfig',
      { version: '1.1' },
      element(
        'emailProvider',
        { id: providerDomain },
        ...domains.map((domain) => element('domain', {}, domain)),
        element('displayName', {}, programs.providerName),
        element('displayShortName', {}, programs.providerName),
        serverElement('incomingServer', 'imap', programs.imap),
        // RFC 6409 §4.3: submission needs authentication; Postfix here answers "relay not permitted" without it.
        serverElement('outgoingServer', 'smtp', programs.smtp),
      ),
    ),
  );
}
