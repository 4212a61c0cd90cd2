// The SMPP driver against a fake SMSC on loopback (the smpp package's server), on SQLite or PostgreSQL: the PDUs
// on the wire, the texts that come out the other end, receipts, a dropped link and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import smpp, { type DecodedMessage, type PDU } from 'smpp';
import { createTestContext, testDialect, type TestContext } from '../testing.js';
import { startFakeSmsc, type FakeSmsc } from './fake-smsc.js';
import { parseReceipt } from './smpp.js';
import { notificationParts, notificationRow, queueTestSms, sendJob, until } from './test-support.js';

const KAZAKH = 'Сәлеметсіз бе! Өтінішіңіз тіркелді: әіңғүұқөһ ӘІҢҒҮҰҚӨҺ.';
const RUSSIAN_LONG =
  'Обращение 261118-0042 зарегистрировано. Ответ будет подготовлен в течение пятнадцати рабочих дней, ' +
  'а о переносе срока или перенаправлении обращения мы сообщим вам отдельным сообщением. Спасибо!';

const decoded = (value: unknown) => value as DecodedMessage;
const textOf = (value: unknown) => String(decoded(value).message);
const submits = (smsc: FakeSmsc, from = 0) => smsc.pdus.slice(from).filter((p) => p.command === 'submit_sm');

function smppEnv(smsc: FakeSmsc, extra: Record<string, string> = {}) {
  return {
    SMS_DRIVER: 'smpp',
    SMPP_URL: smsc.url,
    SMPP_SYSTEM_ID: 'dialog',
    SMPP_PASSWORD: 'secret',
    SMPP_SYSTEM_TYPE: 'gov',
    SMPP_TIMEOUT_SECONDS: '5',
    ...extra,
  };
}

describe(`SMPP driver with UDH parts (${testDialect})`, () => {
  let smsc: FakeSmsc;
  let ctx: TestContext;

  beforeAll(async () => {
    smsc = await startFakeSmsc();
    ctx = await createTestContext({ seed: false, env: smppEnv(smsc, { SMPP_ENQUIRE_LINK_SECONDS: '1' }) });
  });
  afterAll(async () => {
    await ctx.close();
    await smsc.close();
  });

  it('binds as a transceiver with its system id, password and type, SMPP v3.4', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '123456' } });
    await ctx.drain();
    const bind = await smsc.waitFor((p) => p.command === 'bind_transceiver');
    expect(bind).toMatchObject({
      system_id: 'dialog',
      password: 'secret',
      system_type: 'gov',
      interface_version: 0x34,
    });
    expect((await notificationRow(ctx, id)).state).toBe('sent');
  });

  it('sends Kazakh as one UCS-2 message whose text arrives intact', async () => {
    const from = smsc.pdus.length;
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '654321' } });
    const row = await notificationRow(ctx, id);
    await ctx.drain();
    const [submit] = submits(smsc, from);
    expect(submit).toMatchObject({
      data_coding: 8,
      esm_class: 0,
      registered_delivery: 1,
      source_addr_ton: 5,
      source_addr: 'Dialog',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: row.recipient.slice(1),
    });
    expect(textOf(submit!.short_message)).toBe(row.body);
    expect(row.body).toContain('654321');
    const sent = await notificationRow(ctx, id);
    expect(sent).toMatchObject({ state: 'sent', driver: 'smpp', attempts: 1, last_error: null });
    expect(sent.provider_id).toBe(smsc.accepted[smsc.accepted.length - 1]?.messageId);
  });

  it('round-trips every Kazakh letter through UTF-16BE', async () => {
    const from = smsc.pdus.length;
    const id = await queueTestSms(ctx, { template: 'x', values: {} });
    await ctx.services.db.updateTable('notifications').set({ body: KAZAKH }).where('id', '=', id).execute();
    await ctx.drain();
    const [submit] = submits(smsc, from);
    expect(submit?.data_coding).toBe(8);
    expect(textOf(submit!.short_message)).toBe(KAZAKH);
  });

  it('splits a long Russian message into UDH parts of one reference that arrive as the whole text', async () => {
    const from = smsc.pdus.length;
    const id = await queueTestSms(ctx, { template: 'x', values: {}, language: 'ru' });
    await ctx.services.db
      .updateTable('notifications')
      .set({ body: RUSSIAN_LONG })
      .where('id', '=', id)
      .execute();
    await ctx.drain();
    const parts = submits(smsc, from);
    expect(RUSSIAN_LONG.length).toBeGreaterThan(134);
    expect(parts).toHaveLength(3);
    const refs = new Set<number>();
    parts.forEach((pdu, i) => {
      expect(pdu.esm_class).toBe(0x40);
      expect(pdu.data_coding).toBe(8);
      const udh = decoded(pdu.short_message).udh?.[0] ?? Buffer.alloc(0);
      // IEI 0x00 (concatenation, 8-bit reference), length 3, reference, total, sequence.
      expect([...udh]).toEqual([0x00, 3, udh[2], 3, i + 1]);
      refs.add(udh[2]!);
      expect(textOf(pdu.short_message).length).toBeLessThanOrEqual(67);
    });
    expect(refs.size).toBe(1);
    expect(parts.map((p) => textOf(p.short_message)).join('')).toBe(RUSSIAN_LONG);
    const stored = await notificationParts(ctx, id);
    expect(stored.map((p) => p.provider_id)).toEqual(smsc.accepted.slice(-3).map((a) => a.messageId));
    expect((await notificationRow(ctx, id)).provider_id).toBe(stored[0]?.provider_id);
  });

  it('sends an English text as GSM-7 (data_coding 0), extension characters included', async () => {
    const from = smsc.pdus.length;
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '111222' }, language: 'en' });
    const text = 'Dialog: costs €5 {or} [more]; see ~/help|faq ^_^ @home';
    await ctx.services.db.updateTable('notifications').set({ body: text }).where('id', '=', id).execute();
    await ctx.drain();
    const [submit] = submits(smsc, from);
    expect(submit?.data_coding).toBe(0);
    expect(textOf(submit!.short_message)).toBe(text);
  });

  it('marks the message delivered when the receipts of all its parts say DELIVRD', async () => {
    const id = await queueTestSms(ctx, { template: 'x', values: {}, language: 'ru' });
    await ctx.services.db
      .updateTable('notifications')
      .set({ body: RUSSIAN_LONG })
      .where('id', '=', id)
      .execute();
    await ctx.drain();
    const parts = await notificationParts(ctx, id);
    expect(parts).toHaveLength(3);
    for (const part of parts.slice(0, 2)) {
      const resp = await smsc.sendReceipt(part.provider_id, 'DELIVRD');
      expect(resp.command_status).toBe(0);
    }
    await until(
      'two parts delivered',
      async () =>
        (await notificationParts(ctx, id)).filter((p) => p.delivery_state === 'delivered').length === 2,
    );
    expect((await notificationRow(ctx, id)).delivery_state).toBe('accepted');
    // The SMSC writes this id in decimal in its receipt, the TLV carries it too.
    await smsc.sendReceipt(parts[2]!.provider_id, 'DELIVRD', { tlv: true });
    const row = await until('delivered', async () => {
      const r = await notificationRow(ctx, id);
      return r.delivery_state === 'delivered' && r;
    });
    expect(row.delivered_at).toBe(ctx.clock.now().toISOString());
  });

  it('finds a message whose receipt gives its id in decimal', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '333444' } });
    await ctx.drain();
    const { provider_id } = await notificationRow(ctx, id);
    await smsc.sendReceipt(BigInt(`0x${provider_id}`).toString(10), 'DELIVRD');
    await until('delivered', async () => (await notificationRow(ctx, id)).delivery_state === 'delivered');
  });

  it('records an undelivered receipt with its reason', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '555666' } });
    await ctx.drain();
    const { provider_id } = await notificationRow(ctx, id);
    await smsc.sendReceipt(provider_id!, 'UNDELIV', { err: '001' });
    const row = await until('undelivered', async () => {
      const r = await notificationRow(ctx, id);
      return r.delivery_state === 'undelivered' && r;
    });
    expect(row.last_error).toBe('stat:UNDELIV err:001');
    expect(row.state).toBe('sent');
  });

  it('keeps the link alive with enquire_link and answers the SMSC’s own', async () => {
    const from = smsc.pdus.length;
    await smsc.waitFor((p) => p.command === 'enquire_link', { from, timeoutMs: 5000 });
    const answer = await smsc.enquireLink();
    expect(answer.command).toBe('enquire_link_resp');
    expect(answer.command_status).toBe(0);
  });

  it('binds again after the SMSC drops the link, and the next message goes through', async () => {
    const binds = smsc.pdus.filter((p) => p.command === 'bind_transceiver').length;
    smsc.dropAll();
    const from = smsc.pdus.length;
    await smsc.waitFor((p) => p.command === 'bind_transceiver', { from });
    expect(smsc.pdus.filter((p) => p.command === 'bind_transceiver')).toHaveLength(binds + 1);
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '777888' } });
    await ctx.drain();
    expect((await notificationRow(ctx, id)).state).toBe('sent');
    expect(textOf(submits(smsc, from)[0]?.short_message)).toContain('777888');
  });

  it('drops and re-binds a link whose enquire_link goes unanswered', async () => {
    smsc.ignoreEnquireLinks(true);
    try {
      const from = smsc.pdus.length;
      await smsc.waitFor((p) => p.command === 'bind_transceiver', { from, timeoutMs: 15_000 });
    } finally {
      smsc.ignoreEnquireLinks(false);
    }
  });

  it('fails the row for good when the SMSC refuses the number (ESME_RINVDSTADR), without retrying', async () => {
    smsc.refuseNext(smpp.errors.ESME_RINVDSTADR!);
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '000111' } });
    await ctx.drain();
    const row = await notificationRow(ctx, id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/ESME_RINVDSTADR/);
    expect(row.attempts).toBe(1);
    const job = await sendJob(ctx, id);
    expect(job.state).toBe('failed');
  });

  it('retries later when the SMSC is only throttling (ESME_RTHROTTLED)', async () => {
    smsc.refuseNext(smpp.errors.ESME_RTHROTTLED!);
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '000222' } });
    await ctx.drain();
    const row = await notificationRow(ctx, id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ESME_RTHROTTLED/);
    expect((await sendJob(ctx, id)).state).toBe('queued');
    ctx.clock.advance(60_000);
    await ctx.drain();
    expect(await notificationRow(ctx, id)).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
  });
});

describe(`SMPP driver with message_payload (${testDialect})`, () => {
  let smsc: FakeSmsc;
  let ctx: TestContext;

  beforeAll(async () => {
    smsc = await startFakeSmsc();
    ctx = await createTestContext({ seed: false, env: smppEnv(smsc, { SMPP_LONG_MESSAGES: 'payload' }) });
  });
  afterAll(async () => {
    await ctx.close();
    await smsc.close();
  });

  it('sends a long message as one submit_sm carrying the whole text in message_payload', async () => {
    const id = await queueTestSms(ctx, { template: 'x', values: {}, language: 'ru' });
    await ctx.services.db
      .updateTable('notifications')
      .set({ body: RUSSIAN_LONG })
      .where('id', '=', id)
      .execute();
    await ctx.drain();
    const sent = submits(smsc);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ data_coding: 8, esm_class: 0 });
    expect(textOf(sent[0]!.message_payload)).toBe(RUSSIAN_LONG);
    expect(textOf(sent[0]!.short_message)).toBe('');
    expect(await notificationParts(ctx, id)).toHaveLength(1);
  });
});

describe(`SMPP driver that cannot bind (${testDialect})`, () => {
  let smsc: FakeSmsc;
  let ctx: TestContext;

  beforeAll(async () => {
    smsc = await startFakeSmsc();
    smsc.refuseBinds(smpp.errors.ESME_RINVPASWD!);
    ctx = await createTestContext({ seed: false, env: smppEnv(smsc, { SMPP_TIMEOUT_SECONDS: '1' }) });
  });
  afterAll(async () => {
    await ctx.close();
    await smsc.close();
  });

  it('keeps the message for a retry and says why', async () => {
    const id = await queueTestSms(ctx, { template: 'code', values: { code: '999000' } });
    await ctx.drain();
    const row = await notificationRow(ctx, id);
    expect(row.state).toBe('pending');
    expect(row.last_error).toMatch(/SMSC not reachable: bind refused: ESME_RINVPASWD/);
    smsc.refuseBinds(null);
    ctx.clock.advance(60_000);
    await until('sent after the bind works', async () => {
      await ctx.drain();
      ctx.clock.advance(60_000);
      return (await notificationRow(ctx, id)).state === 'sent';
    });
  });
});

describe('SMPP delivery receipts (pure)', () => {
  const pdu = (fields: Record<string, unknown>) => fields as unknown as PDU;

  it.each([
    ['DELIVRD', 'delivered'],
    ['UNDELIV', 'undelivered'],
    ['REJECTD', 'undelivered'],
    ['EXPIRED', 'undelivered'],
    ['ENROUTE', 'accepted'],
  ])('reads stat:%s as %s', (stat, state) => {
    const receipt = parseReceipt(
      pdu({
        esm_class: 4,
        short_message: { message: `id:ab12 sub:001 dlvrd:001 stat:${stat} err:000 text:` },
      }),
    );
    expect(receipt).toMatchObject({ providerId: 'ab12', state });
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    expect(
      parseReceipt(pdu({ esm_class: 4, receipted_message_id: 'X9', message_state: 2, short_message: '' })),
    ).toEqual({ providerId: 'X9', state: 'delivered', error: null });
  });

  it('ignores a message from a phone that is not a receipt', () => {
    expect(parseReceipt(pdu({ esm_class: 0, short_message: { message: 'hello' } }))).toBeNull();
  });
});
