// SMS drivers behind one interface. `log` (the default) only records the message: it is stored in the outbox
// and visible to admins, and written to the server log.
import type { FastifyBaseLogger } from 'fastify';

export interface SmsDriver {
  readonly name: string;
  send(to: string, text: string): Promise<{ providerId: string }>;
}

export class LogSmsDriver implements SmsDriver {
  readonly name = 'log';
  constructor(private readonly log?: FastifyBaseLogger) {}

  send(to: string, text: string): Promise<{ providerId: string }> {
    this.log?.info({ sms: { to, text } }, 'sms (log driver)');
    return Promise.resolve({ providerId: `log-${Date.now()}` });
  }
}
