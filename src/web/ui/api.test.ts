import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, setKioskToken } from './api.js';

type Call = { url: string; method: string; headers: Record<string, string>; body: string | null };

function stubFetch(status = 200, body: unknown = {}): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: String(init.method),
      headers: init.headers as Record<string, string>,
      body: (init.body as string | null) ?? null,
    });
    return Promise.resolve(new Response(status === 204 ? null : JSON.stringify(body), { status }));
  });
  return calls;
}

afterEach(() => {
  setKioskToken(null);
  vi.unstubAllGlobals();
});

describe('the API client for the booth', () => {
  it('sends the kiosk credential with every request once it is set, and stops when it is cleared', async () => {
    const calls = stubFetch();
    await api.settings();
    setKioskToken('secret-token');
    await api.kioskMe();
    await api.submitAppeal({
      uploadId: 'AAAAAAAAAAAA',
      phone: '+77012345678',
      officialId: null,
      type: 'request',
      language: 'kk',
      source: 'kiosk',
    });
    setKioskToken(null);
    await api.settings();
    expect(calls.map((c) => c.headers.authorization)).toEqual([
      undefined,
      'Bearer secret-token',
      'Bearer secret-token',
      undefined,
    ]);
  });

  it('speaks the phone confirmation and pairing routes', async () => {
    const calls = stubFetch();
    await api.startPhoneVerification({ phone: '+77012345678', language: 'ru' });
    await api.resendPhoneVerification('abc_DEF-123');
    await api.confirmPhoneVerification('abc_DEF-123', '123456');
    await api.startKioskPairing();
    await api.kioskPairingState('4a1e6d1c-0000-4000-8000-000000000000', 's3cret');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/phone-verifications', '{"phone":"+77012345678","language":"ru"}'],
      ['POST', '/api/phone-verifications/abc_DEF-123/resend', null],
      ['POST', '/api/phone-verifications/abc_DEF-123/confirm', '{"code":"123456"}'],
      ['POST', '/api/kiosk/pairings', null],
      ['GET', '/api/kiosk/pairings/4a1e6d1c-0000-4000-8000-000000000000', null],
    ]);
    expect(calls[1]?.headers['content-type']).toBeUndefined();
    expect(calls[4]?.headers['x-pairing-secret']).toBe('s3cret');
  });

  it('takes 204 from the heartbeat as done', async () => {
    const calls = stubFetch(204);
    await expect(
      api.kioskHeartbeat({
        version: '1',
        camera: 'ok',
        microphone: 'ok',
        printer: 'unknown',
        storageUsedBytes: 0,
        storageQuotaBytes: 0,
        pendingUploads: 0,
      }),
    ).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('/api/kiosk/heartbeat');
  });
});
