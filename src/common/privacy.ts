// The contract of Administration › Privacy: a citizen's appeals found by phone on a lawful request, their export and
// erasure, and the legal hold that keeps an appeal from deletion. TypeBox schemas; the office takes its types from them.
import { Type, type Static } from 'typebox';
import { AppealStatusSchema } from './api.js';
import { HANDLING_REASON_MAX_LENGTH } from './handling.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const PRIVACY_REFERENCE_MAX = 200;
/** As long as a handling act's reason: the office asks for it with the same field. */
export const PRIVACY_REASON_MAX = HANDLING_REASON_MAX_LENGTH;

/** The lawful request's reference (a letter's number, a court's case): what the audit trail keeps instead of the phone. */
const Reference = Type.String({ minLength: 1, maxLength: PRIVACY_REFERENCE_MAX });
const Reason = Type.String({ minLength: 1, maxLength: PRIVACY_REASON_MAX });
const Phone = Type.String({ minLength: 1, maxLength: 32 });

export const PrivacySearchBody = Type.Object(
  { phone: Phone, reference: Reference },
  { additionalProperties: false },
);
export type PrivacySearchBody = Static<typeof PrivacySearchBody>;

export const PrivacyEraseBody = Type.Object(
  {
    phone: Phone,
    reference: Reference,
    reason: Reason,
    /** The admin confirmed that the person's open appeals are withdrawn at their request first. */
    withdrawOpen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PrivacyEraseBody = Static<typeof PrivacyEraseBody>;

export const HoldBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type HoldBody = Static<typeof HoldBody>;

export const LegalHold = Type.Object({ reason: Type.String(), at: DateTime });

export const CitizenAppeal = Type.Object({
  id: Type.String({ format: 'uuid' }),
  registrationNumber: Type.String(),
  registeredAt: DateTime,
  status: AppealStatusSchema,
  /** The body still works on it: erasing needs its withdrawal first. */
  open: Type.Boolean(),
  hold: Nullable(LegalHold),
  videosDeletedAt: Nullable(DateTime),
});
export type CitizenAppeal = Static<typeof CitizenAppeal>;

export const CitizenAppeals = Type.Object({
  phoneMasked: Type.String(),
  appeals: Type.Array(CitizenAppeal),
});
export type CitizenAppeals = Static<typeof CitizenAppeals>;

export const PrivacyErased = Type.Object({
  erased: Type.Integer({ minimum: 0 }),
  withdrawn: Type.Integer({ minimum: 0 }),
});
export type PrivacyErased = Static<typeof PrivacyErased>;

/** How the office shows an appeal whose recording or personal data was deleted, and its hold. */
export const AppealRetention = Type.Object({
  videosDeletedAt: Nullable(DateTime),
  personalDataDeletedAt: Nullable(DateTime),
  hold: Nullable(LegalHold),
});
export type AppealRetention = Static<typeof AppealRetention>;
