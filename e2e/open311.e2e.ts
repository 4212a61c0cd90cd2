// Open311 keys in a real Chromium: an admin issues a key to a partner app under Administration › API keys and sees
// the secret once; the partner files an appeal with it over /open311/v2 and reads it back; the list shows the key's
// use; the admin revokes it and the partner is refused. axe in kk, ru and en on the screen with the new key shown.
import assert from 'node:assert/strict';
import { accessibleInEveryLanguage } from './auth.e2e.js';
import { openSection, signedInAdmin } from './admin.e2e.js';
import { CATALOGUES, type Journey } from './helpers.js';

const a = CATALOGUES.en.office.apiKeys;
const PARTNER = 'E2E Qala app';

const apiKeys: Journey = async (ctx) => {
  const office = await signedInAdmin(ctx);
  try {
    await openSection(office, a.link, a.title);
    await office.getByLabel(a.name).fill(PARTNER);
    await office.getByRole('button', { name: a.issue, exact: true }).click();
    const secret = ((await office.getByTestId('api-key-secret').textContent()) ?? '').trim();
    assert.match(secret, /^dlg311_[A-Za-z0-9_-]{43}$/);
    await accessibleInEveryLanguage(office, 'office api keys');

    // The partner files an appeal and reads it back with the key.
    const filed = await office.request.post(`${ctx.base}/open311/v2/requests.json`, {
      form: {
        api_key: secret,
        service_code: 'roads',
        description: 'The street light at the bus stop has been broken for a week.',
        phone: '+77017770311',
      },
    });
    assert.equal(filed.status(), 200, await filed.text());
    const [first] = (await filed.json()) as { service_request_id: string }[];
    const id = first!.service_request_id;
    const read = await office.request.get(`${ctx.base}/open311/v2/requests/${id}.json`, {
      headers: { 'x-api-key': secret },
    });
    assert.match(await read.text(), /street light at the bus stop/);

    await office.reload();
    const row = office.getByTestId('api-key-row').filter({ hasText: PARTNER });
    await row.waitFor();
    assert.equal((await row.locator('td').nth(4).textContent())?.trim(), '1');
    assert.doesNotMatch((await office.content()) ?? '', new RegExp(secret));

    office.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: a.revokeNamed.replace('{{name}}', PARTNER) }).click();
    await office.locator('[data-testid="api-key-row"][data-revoked="yes"]', { hasText: PARTNER }).waitFor();
    const refused = await office.request.get(`${ctx.base}/open311/v2/requests.json`, {
      headers: { 'x-api-key': secret },
    });
    assert.equal(refused.status(), 403);
  } finally {
    await office.close();
  }
};

export const open311Journeys: [string, Journey][] = [
  [
    'office administration: an Open311 key issued to a partner app, used to file an appeal, and revoked',
    apiKeys,
  ],
];
