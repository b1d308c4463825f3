// The replies Postfix gives (FACTS) and nodemailer's own failures each reach the user as the
// one code that says what happened; the protocol text stays in the log context.
import { describe, expect, it } from 'vitest';
import { codeForReply, recipientsFailure, smtpFailure } from '../../server/smtp/errors.js';

describe('SMTP replies to error codes', () => {
  it.each([
    [535, '535 5.7.8 Error: authentication failed: authentication failure', 'AUTH', 'SMTP_AUTH_FAILED'],
    [554, '554 5.7.1 <someone@gmail.com>: Relay access denied', 'RCPT TO', 'RELAY_DENIED'],
    [553, '553 5.7.1 <bob@example.com>: Sender address rejected: not owned by user alice@example.com', 'RCPT TO', 'SENDER_REFUSED'],
    [553, '553 5.1.8 <x@y>: bad sender', 'MAIL FROM', 'SENDER_REFUSED'],
    [550, '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table', 'RCPT TO', 'RECIPIENT_REFUSED'],
    [552, '552 5.3.4 Message size exceeds fixed limit', 'DATA', 'MESSAGE_TOO_LARGE'],
    [554, '554 5.7.0 something we cannot name', 'DATA', null],
  ] as const)('%i %s → %s', (responseCode, response, command, code) => {
    expect(codeForReply(responseCode, response, command)).toBe(code === null ? null : code);
  });

  it('maps nodemailer failures without a reply', () => {
    expect(smtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'submit').code).toBe('MAIL_SERVER_UNAVAILABLE');
    expect(smtpFailure({ code: 'ETIMEDOUT' }, 'submit').code).toBe('MAIL_SERVER_UNAVAILABLE');
    expect(smtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 nope' }, 'login').code).toBe('SMTP_AUTH_FAILED');
    expect(smtpFailure({ code: 'EMESSAGE', message: 'Message size larger than allowed 52428800', command: 'MAIL FROM' }, 'submit').code).toBe('MESSAGE_TOO_LARGE');
    expect(smtpFailure({ code: 'EPROTOCOL', responseCode: 421, response: '421 4.3.2 Service shutting down' }, 'submit').code).toBe('MAIL_SERVER_UNAVAILABLE');
    expect(smtpFailure(new Error('odd'), 'submit').code).toBe('MAIL_SERVER_ERROR');
  });

  it('keeps the protocol text for the log, not for the user', () => {
    const failure = smtpFailure({ code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 <a@gmail.com>: Relay access denied', command: 'RCPT TO' }, 'submit');
    expect(failure.code).toBe('RELAY_DENIED');
    expect(failure.message).toBe('RELAY_DENIED');
    expect(failure.context).toMatchObject({ responseCode: 554, command: 'RCPT TO', detail: expect.stringContaining('Relay access denied') });
  });

  it('lets the most telling refusal decide when several recipients were refused', () => {
    const unknown = { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <n@example.com>: User unknown', command: 'RCPT TO', recipient: 'n@example.com' };
    const relay = { code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 <s@gmail.com>: Relay access denied', command: 'RCPT TO', recipient: 's@gmail.com' };
    const failure = recipientsFailure([unknown, relay]);
    expect(failure.code).toBe('RELAY_DENIED');
    expect(failure.context.refused).toEqual([
      { recipient: 'n@example.com', response: unknown.response },
      { recipient: 's@gmail.com', response: relay.response },
    ]);
    expect(recipientsFailure([unknown]).code).toBe('RECIPIENT_REFUSED');
  });
});
