// Registration numbers and access codes, handed out when an appeal is submitted or, ahead of it, when recording starts.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import argon2 from 'argon2';
import type { Reservation, ReservationBody } from '../../../common/api.js';
import { accessCodeFromBytes, formatRegistrationNumber } from '../../../common/registration.js';
import type { AppealReservation, DB } from '../../db/types.js';
import type { Services } from '../../services.js';
import { Problem } from '../../errors.js';
import type { RequestOwner } from '../uploads/owner.js';
import { recordAudit } from '../audit/repository.js';
import { registrationFor } from '../calendar/service.js';
import { getSettings } from '../settings/service.js';
import { normaliseKzMobile } from '../../../common/phone.js';
import { spendPhoneToken, usablePhoneToken } from '../verification/service.js';
import { findReservation, insertReservation, nextSequence } from './repository.js';

/** OWASP's argon2id minimum: the code has 50 random bits, so this is defence in depth against a leaked table. */
export const CODE_HASH = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A fresh access code and the hash that is all the database keeps of it. */
export async function newAccessCode(): Promise<{ code: string; hash: string }> {
  const code = accessCodeFromBytes(crypto.randomBytes(7));
  return { code, hash: await argon2.hash(code, CODE_HASH) };
}

export interface Registration {
  number: string;
  registeredOn: string;
  deadlineOn: string;
}

/** The next registration number of the day `now` counts as (the next working day), and its deadline. */
export async function allocateRegistration(
  trx: Transaction<DB>,
  services: Services,
  now: Date,
): Promise<Registration> {
  const { registeredOn, deadlineOn } = await registrationFor(
    trx,
    now,
    services.config.TIME_ZONE,
    (await getSettings(services, trx)).deadlineWorkingDays,
  );
  const number = formatRegistrationNumber(registeredOn, await nextSequence(trx, registeredOn));
  return { number, registeredOn, deadlineOn };
}

/**
 * Holds a number and an access code for the recording that is starting, so the booth can print a true receipt even
 * if its network is gone when the person presses Stop. The number is taken from the day's sequence now: a
 * reservation that is never submitted (the person walked away, the recording was refused) leaves a gap in that
 * day's numbers. Gaps are accepted; reusing a number that may already be printed on a receipt is not.
 */
export async function createReservation(
  services: Services,
  body: ReservationBody,
  who: RequestOwner,
  ip: string,
): Promise<Reservation> {
  const { db, clock, config } = services;
  let phone: string | null = null;
  let verification: Awaited<ReturnType<typeof usablePhoneToken>> = null;
  if (body.phoneToken !== undefined || body.phone !== undefined) {
    phone = body.phone ? normaliseKzMobile(body.phone) : null;
    if (!phone) throw new Problem('invalid-phone');
    verification = body.phoneToken ? await usablePhoneToken(services, body.phoneToken, phone) : null;
    if (!verification) throw new Problem('phone-not-verified');
  }
  const access = await newAccessCode();
  const now = clock.now();
  const row = await db.transaction().execute(async (trx) => {
    if (verification && !(await spendPhoneToken(trx, verification, now.toISOString())))
      throw new Problem('phone-not-verified');
    const registration = await allocateRegistration(trx, services, now);
    const reservation: AppealReservation = {
      id: crypto.randomBytes(16).toString('base64url'),
      registration_number: registration.number,
      access_code_hash: access.hash,
      owner: who.owner,
      phone_e164: phone,
      kiosk_id: who.kiosk?.id ?? null,
      registered_on: registration.registeredOn,
      deadline_on: registration.deadlineOn,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + config.RESERVATION_TTL_DAYS * DAY_MS).toISOString(),
      appeal_id: null,
    };
    await insertReservation(trx, reservation);
    await recordAudit(trx, clock, {
      actorUserId: null,
      actorKind: 'citizen',
      action: 'appeal.number_reserved',
      subjectType: 'registration_number',
      subjectId: reservation.registration_number,
      ip,
      detail: {
        reservationId: reservation.id,
        kioskId: reservation.kiosk_id,
        language: body.language,
        phoneConfirmed: phone !== null,
      },
    });
    return reservation;
  });
  return {
    reservationId: row.id,
    registrationNumber: row.registration_number,
    accessCode: access.code,
    registeredOn: row.registered_on,
    deadlineOn: row.deadline_on,
    deadlineWorkingDays: (await getSettings(services)).deadlineWorkingDays,
    expiresAt: row.expires_at,
  };
}

/**
 * The requester's reservation. Someone else's answers exactly like a missing one. An expired one is still honoured
 * while its row exists: its number may already be on a receipt in someone's hand (the sweep removes expired
 * reservations only when no upload refers to them).
 */
export async function ownReservation(
  services: Services,
  id: string,
  who: RequestOwner | null,
): Promise<AppealReservation> {
  const row = await findReservation(services.db, id);
  if (!row || !who || row.owner !== who.owner) throw new Problem('reservation-not-found');
  return row;
}
