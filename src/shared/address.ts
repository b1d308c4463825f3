// Address lists as people type them: "Anna Schmidt <anna@example.com>, bob@example.org".
// Splits on commas and semicolons outside quotes and angle brackets, and checks each mailbox
// address (RFC 5322 addr-spec, practical form: dot-atom local part or a quoted one, a domain
// with at least one dot or a bracketed literal; non-ASCII allowed as in RFC 6531).

export interface ParsedAddress {
  name: string;
  address: string;
}

export interface AddressListResult {
  addresses: ParsedAddress[];
  /** The entries that are not valid mailbox addresses, as typed. */
  invalid: string[];
}

const LOCAL = /^(?:[^\s"(),.:;<>@[\\\]]+(?:\.[^\s"(),.:;<>@[\\\]]+)*|"(?:[^"\\\r\n]|\\.)+")$/u;
const DOMAIN = /^(?:(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}][\p{L}\p{N}-]{0,61}[\p{L}\p{N}]|\[[0-9a-fA-F:.]+\])$/u;

export function isMailboxAddress(address: string): boolean {
  if (address.length > 254 || /[\r\n]/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(domain);
}

export function splitAddressList(input: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const char of input) {
    if (char === '"' && !current.endsWith('\\')) quoted = !quoted;
    else if (!quoted && char === '<') angle += 1;
    else if (!quoted && char === '>') angle = Math.max(0, angle - 1);
    if (!quoted && angle === 0 && (char === ',' || char === ';')) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseAddressList(input: string): AddressListResult {
  const addresses: ParsedAddress[] = [];
  const invalid: string[] = [];
  for (const entry of splitAddressList(input)) {
    const match = /^(.*?)\s*<([^<>]*)>$/.exec(entry);
    const name = (match ? match[1]! : '').trim().replace(/^"(.*)"$/, '$1');
    const address = (match ? match[2]! : entry).trim();
    if (isMailboxAddress(address) && !/[\r\n]/.test(name)) addresses.push({ name, address });
    else invalid.push(entry);
  }
  return { addresses, invalid };
}

export function formatAddress(address: ParsedAddress): string {
  if (!address.name) return address.address;
  const needsQuotes = /[",.:;<>@()[\]\\]/.test(address.name);
  return needsQuotes ? `"${address.name.replace(/(["\\])/g, '\\$1')}" <${address.address}>` : `${address.name} <${address.address}>`;
}
