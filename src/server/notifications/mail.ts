// Email drivers behind one interface: SMTP through nodemailer, or (without SMTP_URL) stored and logged only, as the
// log SMS driver does.
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import { SendError, type SendResult } from './sms.js';

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** The same text as simple HTML (emailHtml), for mail readers that show HTML. */
  html?: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Plain text as simple HTML: escaped, a paragraph per blank-line block, line breaks kept, addresses as links. */
export function emailHtml(text: string): string {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((block) =>
      escape(block)
        .replace(/https?:\/\/[^\s<>&]+(?:&amp;[^\s<>&]+)*/g, (found) => {
          // A full stop or bracket after an address ends the sentence, not the address.
          const url = found.replace(/[.,;:!?)]+$/, '');
          return `<a href="${url}">${url}</a>${found.slice(url.length)}`;
        })
        .replace(/\n/g, '<br>\n'),
    )
    .map((block) => `<p>${block}</p>`);
  return `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.4">\n${paragraphs.join('\n')}\n</body></html>\n`;
}

export interface MailDriver {
  readonly name: string;
  send(message: OutgoingEmail): Promise<SendResult>;
  close?(): Promise<void>;
}

export class LogMailDriver implements MailDriver {
  readonly name = 'log';
  constructor(private readonly log?: FastifyBaseLogger) {}

  send(message: OutgoingEmail): Promise<SendResult> {
    this.log?.info(
      { email: { to: message.to, subject: message.subject, id: message.id } },
      'email (log driver)',
    );
    return Promise.resolve({ providerIds: [`log-${message.id}`] });
  }
}

export class SmtpMailDriver implements MailDriver {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingEmail): Promise<SendResult> {
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        headers: { 'X-Dialog-Notification': message.id },
      })) as { messageId?: string };
      return { providerIds: info.messageId ? [info.messageId] : [] };
    } catch (error) {
      const { responseCode, message: reason } = error as { responseCode?: number; message?: string };
      // 5xx: the server refuses this message or address for good (550 no such mailbox); 4xx and no answer: later.
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      throw new SendError(`SMTP: ${reason ?? String(error)}`, permanent);
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
