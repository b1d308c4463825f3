import { describe, expect, it } from 'vitest';
import { authenticationOf, parseMessage } from '../../src/mail/parse.js';

const encoder = new TextEncoder();
const raw = (text: string) => encoder.encode(text.replace(/\n/g, '\r\n')).buffer as ArrayBuffer;

describe('message parsing for the view', () => {
  it('reads SPF/DKIM/DMARC from the topmost Authentication-Results only', () => {
    expect(authenticationOf(['mx.example.com; spf=pass smtp.mailfrom=a.de; dkim=fail header.d=a.de; dmarc=pass', 'other; spf=fail'])).toEqual({
      spf: 'pass', dkim: 'fail', dmarc: 'pass',
    });
    expect(authenticationOf([])).toEqual({});
    expect(authenticationOf(['mx; spf=bogus'])).toEqual({});
  });

  it('turns the gateway\'s omitted-part marker into a download reference, not content', async () => {
    const message = await parseMessage(raw(`From: "Jörg Müller" <joerg@example.com>
To: anna@example.com
Subject: =?UTF-8?Q?Pr=C3=BCfbericht?=
Authentication-Results: mx.example.com; spf=pass; dkim=pass; dmarc=pass
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Hallo Anna, anbei der Bericht.
--b1
Content-Type: application/pdf; name="Bericht.pdf"
Content-Disposition: attachment; filename="Bericht.pdf"
Content-Transfer-Encoding: base64
X-Webmail-Omitted-Bytes: 2796204

${btoa('X-Webmail-Omitted part=2 bytes=2796204')}
--b1
Content-Type: text/csv; name="zahlen.csv"
Content-Disposition: attachment; filename="zahlen.csv"

a;b
1;2
--b1--
`));
    expect(message.subject).toBe('Prüfbericht');
    expect(message.from).toEqual({ name: 'Jörg Müller', address: 'joerg@example.com' });
    expect(message.text?.trim()).toBe('Hallo Anna, anbei der Bericht.');
    expect(message.authentication).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    const [pdf, csv] = message.attachments;
    expect(pdf).toMatchObject({ filename: 'Bericht.pdf', content: null, omitted: { part: '2', bytes: 2796204 } });
    expect(pdf!.size).toBe(2097153);
    expect(csv).toMatchObject({ filename: 'zahlen.csv', omitted: null });
    expect(new TextDecoder().decode(csv!.content!)).toContain('1;2');
  });
});
