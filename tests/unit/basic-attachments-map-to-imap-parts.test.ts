// The no-JavaScript message page offers attachments through MESSAGE_API.part, which needs IMAP
// section numbers (RFC 3501 §6.4.5) that postal-mime does not give: a wrong number would hand
// the user another part of the message than the one named.
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { matchParts, mimeLeaves } from '../../server/basic/mime-parts.js';

const RAW = [
  'From: a@example.com', 'Subject: parts', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="outer"', '',
  '--outer', 'Content-Type: multipart/related; boundary=rel', '',
  '--rel', 'Content-Type: multipart/alternative; boundary="alt"', '',
  '--alt', 'Content-Type: text/plain', '', 'Hallo', '--alt', 'Content-Type: text/html', '', '<p>Hallo<img src="cid:pic@x"></p>', '--alt--',
  '--rel', 'Content-Type: image/png', 'Content-ID: <pic@x>', 'Content-Transfer-Encoding: base64', '', 'iVBORw0KGgo=', '--rel--',
  '--outer', 'Content-Type: application/pdf; name="a.pdf"', 'Content-Disposition: attachment; filename="a.pdf"', 'Content-Transfer-Encoding: base64', '', 'JVBERi0x', '',
  '--outer', 'Content-Type: message/rfc822', 'Content-Disposition: inline', '',
  'Subject: inner', 'Content-Type: multipart/mixed; boundary=in', '',
  '--in', 'Content-Type: text/plain', '', 'innen', '--in', 'Content-Type: text/csv; name=b.csv', 'Content-Disposition: attachment; filename=b.csv', '', 'x,y', '--in--',
  '--outer', 'Content-Type: text/plain; name="c.txt"', 'Content-Disposition: attachment; filename="c.txt"', '', 'anhang', '--outer--', '',
].join('\r\n');

describe('attachments mapped to IMAP parts', () => {
  it('numbers nested multiparts and encapsulated messages as IMAP does', () => {
    expect(mimeLeaves(Buffer.from(RAW)).map((leaf) => `${leaf.part} ${leaf.type}`)).toEqual([
      '1.1.1 text/plain', '1.1.2 text/html', '1.2 image/png', '2 application/pdf', '3 message/rfc822', '3.1 text/plain', '3.2 text/csv', '4 text/plain',
    ]);
  });

  it('gives each of postal-mime\'s attachments its own part', async () => {
    const email = await PostalMime.parse(RAW, { attachmentEncoding: 'arraybuffer' });
    const parts = matchParts(
      mimeLeaves(Buffer.from(RAW)),
      email.attachments.map((a) => ({ mimeType: a.mimeType, contentId: a.contentId?.replace(/^<|>$/g, '') ?? null })),
    );
    expect(email.attachments.map((a, i) => `${a.filename ?? a.mimeType} ${parts[i]}`)).toEqual(['image/png 1.2', 'a.pdf 2', 'b.csv 3.2', 'c.txt 4']);
  });

  it('calls the body of a single-part message part 1', () => {
    expect(mimeLeaves(Buffer.from('Subject: x\r\nContent-Type: application/pdf\r\n\r\nJVBERi0x\r\n'))).toEqual([{ part: '1', type: 'application/pdf', contentId: null }]);
  });
});
