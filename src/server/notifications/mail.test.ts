// The email driver against a real SMTP server on loopback (smtp-server), read back with mailparser, on SQLite or
// PostgreSQL: subject and UTF-8 Kazakh body, refusals, and the log driver when no SMTP server is configured.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { emailText } from './outbox.js';
import { notificationRow, queueTestEmail, sendJob } from './test-support.js';

async function startSmtpSink() {
  const mails: ParsedMail[] = [];
  const envelopes: { from: string; to: string[]; user: string | undefined }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'dialog' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
      } else if (address.address.startsWith('busy@')) {
        callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 450 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(`email over SMTP (${testDialect})`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let ctx: TestContext;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await createTestContext({
      seed: false,
      env: {
        SMTP_URL: `smtp://dialog:s3cret@127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Диалог <noreply@dialog.kz>',
      },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('sends a citizen’s email in Kazakh: subject, UTF-8 body, sender and recipient', async () => {
    const values = { number: '261118-0042', deadline: '09.12.2026' };
    const id = await queueTestEmail(ctx, { to: 'aigerim@example.kz', template: 'receipt', values });
    await ctx.drain();
    const mail = smtp.mails[smtp.mails.length - 1]!;
    expect(mail.subject).toBe('261118-0042 өтініші тіркелді');
    expect(mail.text?.trim()).toBe(emailText('kk', 'receipt', values));
    expect(mail.text).toContain('261118-0042 өтініші тіркелді. Жауап 09.12.2026 дейін.');
    expect(mail.text).toContain('Сәлеметсіз бе!');
    expect(mail.from?.value[0]).toEqual({ address: 'noreply@dialog.kz', name: 'Диалог' });
    expect(mail.headers.get('x-dialog-notification')).toBe(id);
    expect(smtp.envelopes[smtp.envelopes.length - 1]).toEqual({
      from: 'noreply@dialog.kz',
      to: ['aigerim@example.kz'],
      user: 'dialog',
    });
    const row = await notificationRow(ctx, id);
    expect(row).toMatchObject({ channel: 'email', state: 'sent', driver: 'smtp', subject: mail.subject });
    expect(row.provider_id).toBe(mail.messageId);
  });

  it('sends a staff email with its own body in Russian', async () => {
    const id = await queueTestEmail(ctx, {
      to: 'official@akimat.kz',
      template: 'newAppeal',
      language: 'ru',
      values: { number: '261118-0042', deadline: '09.12.2026', url: 'https://dialog.example.kz/office' },
    });
    await ctx.drain();
    const mail = smtp.mails[smtp.mails.length - 1]!;
    expect(mail.subject).toBe('Новое обращение 261118-0042');
    expect(mail.text).toContain('Вам адресовано новое обращение 261118-0042. Срок ответа — до 09.12.2026.');
    expect(mail.text).toContain('https://dialog.example.kz/office');
    expect((await notificationRow(ctx, id)).state).toBe('sent');
  });

  it('fails the row for good when the server refuses the mailbox (550)', async () => {
    const id = await queueTestEmail(ctx, {
      to: 'nobody@example.kz',
      template: 'answered',
      values: { number: '1' },
    });
    await ctx.drain();
    const row = await notificationRow(ctx, id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/No such mailbox/);
    expect((await sendJob(ctx, id)).state).toBe('failed');
  });

  it('retries later on a temporary refusal (450)', async () => {
    const id = await queueTestEmail(ctx, {
      to: 'busy@example.kz',
      template: 'answered',
      values: { number: '1' },
    });
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect((await sendJob(ctx, id)).state).toBe('queued');
  });
});

describe(`email without an SMTP server (${testDialect})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ seed: false });
  });
  afterAll(() => ctx.close());

  it('stores and logs the message, as the log SMS driver does', async () => {
    const id = await queueTestEmail(ctx, {
      to: 'a@example.kz',
      template: 'answered',
      values: { number: '7' },
    });
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({
      state: 'sent',
      driver: 'log',
      provider_id: `log-${id}`,
      subject: '7 өтінішіне жауап берілді',
    });
  });
});
