// Picks the SMS and email drivers the configuration names; SMPP receipts are applied to the outbox as they come.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Dialect } from '../db/index.js';
import type { Clock } from '../clock.js';
import { HttpSmsDriver, httpSmsOptions } from './http.js';
import { LogMailDriver, SmtpMailDriver, type MailDriver } from './mail.js';
import { applyReceipt } from './receipts.js';
import { LogSmsDriver, type SmsDriver } from './sms.js';
import { SmppSmsDriver, smppOptions } from './smpp.js';

export function createNotificationDrivers(
  config: Config,
  deps: { db: Database; dialect: Dialect; clock: Clock; log?: FastifyBaseLogger },
): { sms: SmsDriver; mail: MailDriver } {
  const { log } = deps;
  let sms: SmsDriver;
  switch (config.SMS_DRIVER) {
    case 'smpp':
      sms = new SmppSmsDriver(
        smppOptions(config),
        (receipt) => applyReceipt(deps.db, deps.dialect, deps.clock, receipt),
        log,
      );
      break;
    case 'http':
      sms = new HttpSmsDriver(httpSmsOptions(config), log);
      break;
    default:
      sms = new LogSmsDriver(log);
  }
  const mail = config.SMTP_URL
    ? new SmtpMailDriver(config.SMTP_URL, config.MAIL_FROM)
    : new LogMailDriver(log);
  return { sms, mail };
}
