// An Apple configuration profile (.mobileconfig) with one Mail payload (com.apple.mail.managed,
// Apple's "Device Management: Mail" reference) for the signed-in mailbox. Installing it on an
// iPhone, iPad or Mac sets up the account; the device asks for the password, which is never in
// the file. The profile is unsigned: the device shows it as "unverified".
import { createHash, randomUUID } from 'node:crypto';
import type { MailSetupResponse } from '../../src/shared/api.js';
import { element, xmlDocument, type XmlElement } from './xml.js';

type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

export const APPLE_PROFILE_TYPE = 'application/x-apple-aspen-config';

const PLIST_DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">';

function plistValue(value: PlistValue): XmlElement {
  if (typeof value === 'string') return element('string', {}, value);
  if (typeof value === 'number') return element('integer', {}, Math.trunc(value));
  if (typeof value === 'boolean') return element(value ? 'true' : 'false');
  if (Array.isArray(value)) return element('array', {}, ...value.map(plistValue));
  return element('dict', {}, ...Object.entries(value).flatMap(([key, entry]) => [element('key', {}, key), plistValue(entry)]));
}

/**
 * `newUuid`: PayloadUUIDs are new for every download. The identifiers are stable per mailbox, so
 * installing a newer profile replaces the older one instead of adding a second account.
 */
export function appleProfileXml(setup: MailSetupResponse, newUuid: () => string = randomUUID): string {
  const account = createHash('sha256').update(setup.username.toLowerCase()).digest('hex').slice(0, 32);
  const identifier = `webmail.mail-account.${account}`;
  const mail: Record<string, PlistValue> = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.mail`,
    PayloadUUID: newUuid(),
    PayloadDisplayName: setup.providerName,
    EmailAccountDescription: setup.providerName,
    EmailAccountType: 'EmailTypeIMAP',
    // Without an address the device asks for it while installing.
    ...(setup.address ? { EmailAddress: setup.address } : {}),
    IncomingMailServerHostName: setup.incoming.host,
    IncomingMailServerPortNumber: setup.incoming.port,
    // "UseSSL" means an encrypted connection, whether implicit TLS or STARTTLS (which the device
    // picks by the port); it is never false, since that would let the password travel in clear.
    IncomingMailServerUseSSL: true,
    IncomingMailServerUsername: setup.username,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingMailServerHostName: setup.outgoing.host,
    OutgoingMailServerPortNumber: setup.outgoing.port,
    OutgoingMailServerUseSSL: true,
    OutgoingMailServerUsername: setup.username,
    OutgoingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingPasswordSameAsIncomingPassword: true,
  };
  const profile: Record<string, PlistValue> = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: newUuid(),
    PayloadDisplayName: `${setup.providerName}: ${setup.address ?? setup.username}`,
    PayloadRemovalDisallowed: false,
    PayloadContent: [mail],
  };
  return xmlDocument(element('plist', { version: '1.0' }, plistValue(profile)), PLIST_DOCTYPE);
}

/** The download's file name: the mailbox, so several profiles on one device stay apart. */
export function appleProfileFileName(setup: MailSetupResponse): string {
  return `${(setup.address ?? setup.username).replace(/[^\w.@+-]/g, '_')}.mobileconfig`;
}
