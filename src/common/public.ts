// The public site's contract after the look-up: the appeal as the citizen sees it, the signed look-up token, the
// SMS-code route, and rating, dispute and withdrawal. TypeBox schemas, as in api.ts.
import { Type, type Static } from 'typebox';
import { AnswerView, AppealStatusSchema, AppealTypeSchema, LanguageSchema, Trilingual } from './api.js';
import { REGISTRATION_NUMBER_PATTERN } from './registration.js';
import {
  DISPUTE_REASON_MAX_LENGTH,
  RATING_COMMENT_MAX_LENGTH,
  WITHDRAW_REASON_MAX_LENGTH,
} from './limits.js';

export const RegistrationNumber = Type.String({ pattern: REGISTRATION_NUMBER_PATTERN, maxLength: 16 });

export const SmsCodeRequest = Type.Object(
  { registrationNumber: RegistrationNumber, language: LanguageSchema },
  { additionalProperties: false },
);
export type SmsCodeRequest = Static<typeof SmsCodeRequest>;

/** The same answer whether or not the number exists (an unknown number gets a made-up but stable phone ending). */
export const SmsCodeSent = Type.Object({
  /** The last two digits of the phone the code went to: "we sent a code to the phone ending in …67". */
  phoneEnding: Type.String({ pattern: '^[0-9]{2}$' }),
  codeLength: Type.Integer(),
  expiresInSeconds: Type.Integer({ minimum: 0 }),
  resendAfterSeconds: Type.Integer({ minimum: 0 }),
});
export type SmsCodeSent = Static<typeof SmsCodeSent>;

export const SmsLookupBody = Type.Object(
  { registrationNumber: RegistrationNumber, code: Type.String({ pattern: '^[0-9]{4,8}$' }) },
  { additionalProperties: false },
);
export type SmsLookupBody = Static<typeof SmsLookupBody>;

export const PublicPerson = Type.Object({
  fullName: Trilingual,
  position: Trilingual,
  department: Type.Union([Trilingual, Type.Null()]),
});
export type PublicPerson = Static<typeof PublicPerson>;

export const PublicHistoryItem = Type.Object({
  status: AppealStatusSchema,
  at: Type.String({ format: 'date-time' }),
  /** Given for redirects, extensions, refusals to consider, withdrawals and disputes; never internal notes. */
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type PublicHistoryItem = Static<typeof PublicHistoryItem>;

export const PublicNotice = Type.Object({
  kind: Type.Unsafe<'redirected' | 'extended'>({ type: 'string', enum: ['redirected', 'extended'] }),
  at: Type.String({ format: 'date-time' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** Where a redirect went: an official or department (in three languages) or an outside body (the same text thrice). */
  to: Type.Union([Trilingual, Type.Null()]),
});
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicDocument = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  url: Type.String(),
});
export type PublicDocument = Static<typeof PublicDocument>;

export const PublicVideo = Type.Object({
  url: Type.String(),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
});
export type PublicVideo = Static<typeof PublicVideo>;

export const PublicAnswer = Type.Object({
  ...AnswerView.properties,
  author: Type.Union([PublicPerson, Type.Null()]),
  documents: Type.Array(PublicDocument),
  video: Type.Union([PublicVideo, Type.Null()]),
});
export type PublicAnswer = Static<typeof PublicAnswer>;

export const PublicRating = Type.Object({
  satisfied: Type.Boolean(),
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
export type PublicRating = Static<typeof PublicRating>;

export const PublicDispute = Type.Object({ reason: Type.String(), at: Type.String({ format: 'date-time' }) });
export type PublicDispute = Static<typeof PublicDispute>;

export const PublicAppealView = Type.Object({
  registrationNumber: Type.String(),
  status: AppealStatusSchema,
  type: AppealTypeSchema,
  registeredAt: Type.String({ format: 'date-time' }),
  deadlineOn: Type.String({ format: 'date' }),
  /** Working days from today to the deadline (negative once it has passed). */
  workingDaysLeft: Type.Integer(),
  addressee: Type.Union([PublicPerson, Type.Null()]),
  history: Type.Array(PublicHistoryItem),
  notices: Type.Array(PublicNotice),
  answer: Type.Union([PublicAnswer, Type.Null()]),
  rating: Type.Union([PublicRating, Type.Null()]),
  dispute: Type.Union([PublicDispute, Type.Null()]),
  /** What the citizen may do now. */
  can: Type.Object({ rate: Type.Boolean(), dispute: Type.Boolean(), withdraw: Type.Boolean() }),
  /** The last day (in the server's time zone) a dispute is accepted, once there is an answer. */
  disputeUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
});
export type PublicAppealView = Static<typeof PublicAppealView>;

/**
 * A successful look-up: the appeal, and the signed token that opens it for the next LOOKUP_TOKEN_MINUTES. The
 * same token is set as the HttpOnly cookie `dialog_lookup` (path /api/public), which the browser's video player
 * and download links carry; API clients may send it as `Authorization: Bearer <token>` instead.
 */
export const PublicLookup = Type.Object({
  ...PublicAppealView.properties,
  token: Type.String(),
  tokenExpiresAt: Type.String({ format: 'date-time' }),
});
export type PublicLookup = Static<typeof PublicLookup>;

export const RateBody = Type.Object(
  {
    satisfied: Type.Boolean(),
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: RATING_COMMENT_MAX_LENGTH })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBody>;

export const DisputeBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: DISPUTE_REASON_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type DisputeBody = Static<typeof DisputeBody>;

export const WithdrawBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: WITHDRAW_REASON_MAX_LENGTH })) },
  { additionalProperties: false },
);
export type WithdrawBody = Static<typeof WithdrawBody>;
