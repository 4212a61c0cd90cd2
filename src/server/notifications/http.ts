// The HTTP template driver: any gateway that takes a message as one HTTP request (Kannel's sendsms, the Kazakh
// aggregators' APIs). URL, method, headers and body are templates; the gateway's message id is read from its answer.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { SendError, type OutgoingSms, type SendResult, type SmsDriver } from './sms.js';

export interface HttpSmsOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string;
  idPath: string;
  idRegex: string;
  okRegex: string;
  timeoutMs: number;
  /** The delivery-report URL a gateway should call for this message ('' when the callback route is off). */
  dlrUrl(notificationId: string): string;
}

/** The callback URL for one message, Kannel-style: Kannel puts the report's type where `%d` stands. */
export function dlrCallbackUrl(config: Config, notificationId: string): string {
  if (!config.PUBLIC_URL || !config.SMS_DLR_TOKEN) return '';
  const base = config.PUBLIC_URL.replace(/\/+$/, '');
  return `${base}/api/notifications/dlr/${config.SMS_DLR_TOKEN}?id=${notificationId}&status=%d`;
}

export function httpSmsOptions(config: Config): HttpSmsOptions {
  return {
    url: config.SMS_HTTP_URL,
    method: config.SMS_HTTP_METHOD,
    headers: config.SMS_HTTP_HEADERS ? (JSON.parse(config.SMS_HTTP_HEADERS) as Record<string, string>) : {},
    body: config.SMS_HTTP_BODY,
    idPath: config.SMS_HTTP_ID_PATH,
    idRegex: config.SMS_HTTP_ID_REGEX,
    okRegex: config.SMS_HTTP_OK_REGEX,
    timeoutMs: config.SMS_HTTP_TIMEOUT_SECONDS * 1000,
    dlrUrl: (id) => dlrCallbackUrl(config, id),
  };
}

export const PLACEHOLDERS = ['to', 'to_e164', 'text', 'id', 'dlr_url'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const placeholder = new RegExp(`\\{(${PLACEHOLDERS.join('|')})\\}`, 'g');

export type Escape = 'url' | 'json' | 'none';

/** Fills {to} {to_e164} {text} {id} {dlr_url}, each escaped for where it stands; other braces are left alone. */
export function fillTemplate(template: string, values: Record<Placeholder, string>, escape: Escape): string {
  const escaped = (value: string) => {
    if (escape === 'url') return encodeURIComponent(value);
    if (escape === 'json') return JSON.stringify(value).slice(1, -1);
    return value;
  };
  return template.replace(placeholder, (_, name: Placeholder) => escaped(values[name]));
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** The body's content type: the configured one, else JSON for a body that looks like JSON, else a form. */
export function bodyContentType(options: Pick<HttpSmsOptions, 'headers' | 'body'>): string {
  return (
    header(options.headers, 'content-type') ??
    (/^\s*[[{]/.test(options.body) ? 'application/json' : 'application/x-www-form-urlencoded')
  );
}

function bodyEscape(contentType: string): Escape {
  if (/json/i.test(contentType)) return 'json';
  if (/x-www-form-urlencoded/i.test(contentType)) return 'url';
  return 'none';
}

/** A value in a JSON answer by a dotted path: data.messageId, messages.0.id, $.result[0].id. */
export function valueAtPath(document: unknown, path: string): unknown {
  const steps = path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let node = document;
  for (const step of steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** The gateway's message id from its answer: by JSON path, else by the regex's first group (or whole match). */
export function providerIdFrom(
  body: string,
  options: Pick<HttpSmsOptions, 'idPath' | 'idRegex'>,
): string | null {
  if (options.idPath) {
    try {
      const value = valueAtPath(JSON.parse(body), options.idPath);
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    } catch {
      // Not JSON: the regex may still find it.
    }
  }
  if (options.idRegex) {
    const match = new RegExp(options.idRegex).exec(body);
    if (match) return match[1] ?? match[0];
  }
  return null;
}

const excerpt = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

export class HttpSmsDriver implements SmsDriver {
  readonly name = 'http';

  constructor(
    private readonly options: HttpSmsOptions,
    private readonly log?: FastifyBaseLogger,
  ) {}

  async send(message: OutgoingSms): Promise<SendResult> {
    const values = {
      to: message.to.replace(/^\+/, ''),
      to_e164: message.to,
      text: message.text,
      id: message.id,
      dlr_url: this.options.dlrUrl(message.id),
    };
    const url = fillTemplate(this.options.url, values, 'url');
    const headers = { ...this.options.headers };
    let body: string | undefined;
    if (this.options.method === 'POST' && this.options.body) {
      const contentType = bodyContentType(this.options);
      if (!header(headers, 'content-type')) headers['content-type'] = contentType;
      body = fillTemplate(this.options.body, values, bodyEscape(contentType));
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: this.options.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : '';
      throw new SendError(`gateway unreachable: ${reason || String(error)}`, false);
    }
    if (!response.ok) {
      // A 4xx says this request is wrong and will stay wrong (a number, a key); 408 and 429 only say "not now".
      const permanent =
        response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
      throw new SendError(`gateway answered HTTP ${response.status}: ${excerpt(text)}`, permanent);
    }
    if (this.options.okRegex && !new RegExp(this.options.okRegex).test(text))
      throw new SendError(`gateway refused: ${excerpt(text)}`, true);
    const providerId = providerIdFrom(text, this.options);
    if (!providerId && (this.options.idPath || this.options.idRegex))
      this.log?.warn({ answer: excerpt(text) }, 'sms http gateway: no message id in the answer');
    return { providerIds: providerId ? [providerId] : [] };
  }
}
