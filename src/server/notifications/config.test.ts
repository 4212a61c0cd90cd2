// The notification settings: a gateway that is half configured is refused at start, not at the first message.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const refused = (env: Record<string, string>) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('notification settings', () => {
  it('log SMS and logged email by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SMS_DRIVER: 'log',
      SMPP_DATA_CODING: 'gsm',
      SMPP_LONG_MESSAGES: 'udh',
      SMPP_DELIVERY_RECEIPTS: true,
      SMS_HTTP_METHOD: 'GET',
      SMS_DLR_TOKEN: '',
      SMTP_URL: '',
    });
  });

  it('takes a complete SMPP and HTTP configuration', () => {
    expect(
      loadConfig({ SMS_DRIVER: 'smpp', SMPP_URL: 'ssmpp://smsc.example.kz:3550', SMPP_SYSTEM_ID: 'dialog' })
        .SMPP_URL,
    ).toBe('ssmpp://smsc.example.kz:3550');
    const http = loadConfig({
      SMS_DRIVER: 'http',
      SMS_HTTP_URL: 'http://kannel:13013/cgi-bin/sendsms?to={to}&text={text}&dlr-url={dlr_url}',
      PUBLIC_URL: 'https://dialog.example.kz',
      SMS_DLR_TOKEN: 'a'.repeat(24),
      SMS_HTTP_HEADERS: '{"Authorization":"Bearer x"}',
    });
    expect(http.SMS_DRIVER).toBe('http');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['an SMPP driver without a URL', { SMS_DRIVER: 'smpp', SMPP_SYSTEM_ID: 'x' }, /SMPP_URL/],
    [
      'an SMPP URL of another scheme',
      { SMS_DRIVER: 'smpp', SMPP_URL: 'http://smsc:2775', SMPP_SYSTEM_ID: 'x' },
      /SMPP_URL/,
    ],
    [
      'an SMPP driver without a system id',
      { SMS_DRIVER: 'smpp', SMPP_URL: 'smpp://smsc:2775' },
      /SMPP_SYSTEM_ID/,
    ],
    ['a system id over 15 characters', { SMPP_SYSTEM_ID: 'x'.repeat(16) }, /SMPP_SYSTEM_ID/],
    ['an unknown data coding', { SMPP_DATA_CODING: 'latin1' }, /SMPP_DATA_CODING/],
    ['an HTTP driver without a URL', { SMS_DRIVER: 'http' }, /SMS_HTTP_URL/],
    [
      'a body on a GET',
      { SMS_DRIVER: 'http', SMS_HTTP_URL: 'http://gw/send', SMS_HTTP_BODY: 'x' },
      /SMS_HTTP_BODY/,
    ],
    [
      'a {dlr_url} without PUBLIC_URL',
      { SMS_DRIVER: 'http', SMS_HTTP_URL: 'http://gw/send?dlr={dlr_url}', SMS_DLR_TOKEN: 'a'.repeat(16) },
      /dlr_url/,
    ],
    ['headers that are not a JSON object', { SMS_HTTP_HEADERS: '["x"]' }, /SMS_HTTP_HEADERS/],
    ['headers with a number', { SMS_HTTP_HEADERS: '{"X-Key":1}' }, /SMS_HTTP_HEADERS/],
    ['a broken id regex', { SMS_HTTP_ID_REGEX: '(' }, /SMS_HTTP_ID_REGEX/],
    ['a short DLR token', { SMS_DLR_TOKEN: 'short' }, /SMS_DLR_TOKEN/],
    ['a DLR token with a slash', { SMS_DLR_TOKEN: 'a/'.repeat(10) }, /SMS_DLR_TOKEN/],
    ['an SMTP URL of another scheme', { SMTP_URL: 'http://mail:25' }, /SMTP_URL/],
    ['a sender without an address', { MAIL_FROM: 'Dialog' }, /MAIL_FROM/],
  ])('refuses %s', (_name, env, message) => {
    expect(refused(env)).toMatch(message);
  });
});
