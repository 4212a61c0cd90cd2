// Route schemas of the public site: look-up by access code or SMS code, and what the look-up token opens.
import { Type } from 'typebox';
import { LookupBody, ProblemSchema } from '../../../common/api.js';
import {
  DisputeBody,
  PublicAppealView,
  PublicLookup,
  RateBody,
  RegistrationNumber,
  SmsCodeRequest,
  SmsCodeSent,
  SmsLookupBody,
  WithdrawBody,
} from '../../../common/public.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

const TOKEN_NOTE =
  'Authorised by the look-up token: the `dialog_lookup` cookie the look-up set, or `Authorization: Bearer <token>`. A token of another appeal, or a forged one, is 401 lookup-token-invalid; an expired one 401 lookup-token-expired.';

const byNumber = { params: Type.Object({ number: RegistrationNumber }) };

export const lookupSchema = {
  tags: ['public'],
  summary: 'Opens an appeal by registration number and access code',
  description:
    'A wrong code and an unknown number answer alike (404 wrong-access-code) and are audited (`appeal.lookup_failed`). After LOOKUP_LOCK_FAILURES wrong codes the number’s code look-ups are locked for LOOKUP_LOCK_MINUTES (429 lookup-locked; the SMS route still works); more than LOOKUP_NUMBER_RATE_PER_HOUR look-ups of one number in an hour are 429 too-many-requests; LOOKUP_RATE_PER_MINUTE per address. The answer carries a look-up token (also set as the HttpOnly cookie `dialog_lookup`) for the calls that follow.',
  body: LookupBody,
  response: { 200: PublicLookup, ...problems(400, 404, 429) },
};

export const smsCodeSchema = {
  tags: ['public'],
  summary: 'Sends a one-time code to the phone of the appeal with this number',
  description:
    'Answers the same way whether or not the number exists (an unknown number is given a made-up phone ending), so numbers cannot be probed. One code per SMS_CODE_RESEND_SECONDS and SMS_CODE_MAX_PER_HOUR codes an hour per number (429).',
  body: SmsCodeRequest,
  response: { 202: SmsCodeSent, ...problems(400, 429) },
};

export const smsLookupSchema = {
  tags: ['public'],
  summary: 'Opens an appeal by registration number and the SMS code sent to its phone',
  description:
    'Every failure — unknown number, no code sent, a wrong, expired or used-up code — is 422 sms-code-wrong, audited. Works while the number’s code look-ups are locked.',
  body: SmsLookupBody,
  response: { 200: PublicLookup, ...problems(400, 422, 429) },
};

export const viewSchema = {
  tags: ['public'],
  summary: 'The appeal as the citizen sees it (status, deadline, notices, answer, rating)',
  description: TOKEN_NOTE,
  ...byNumber,
  response: { 200: PublicAppealView, ...problems(400, 401) },
};

export const rateSchema = {
  tags: ['public'],
  summary: 'Rates the answer: satisfied or not, 1–5, an optional comment; once',
  description: `${TOKEN_NOTE} Before an answer: 409 not-answered-yet; a second rating: 409 already-rated.`,
  ...byNumber,
  body: RateBody,
  response: { 200: PublicAppealView, ...problems(400, 401, 409) },
};

export const disputeSchema = {
  tags: ['public'],
  summary: '"The problem is not solved": reopens the answered appeal for the supervisor',
  description: `${TOKEN_NOTE} Within DISPUTE_DAYS calendar days of the answer (409 dispute-too-late), after an answer (409 not-answered-yet), once per answer (409 already-disputed). The status becomes \`disputed\`.`,
  ...byNumber,
  body: DisputeBody,
  response: { 200: PublicAppealView, ...problems(400, 401, 409) },
};

export const withdrawSchema = {
  tags: ['public'],
  summary: 'Withdraws the appeal before it is answered',
  description: `${TOKEN_NOTE} After an answer (or once closed): 409 withdraw-not-allowed.`,
  ...byNumber,
  body: WithdrawBody,
  response: { 200: PublicAppealView, ...problems(400, 401, 409) },
};

export const answerMediaSchema = (summary: string) => ({
  tags: ['public'],
  summary,
  description: `${TOKEN_NOTE} Range requests are answered 206, an unsatisfiable range 416.`,
  ...byNumber,
});

export const documentSchema = {
  tags: ['public'],
  summary: 'A document attached to the answer, as a download',
  description: TOKEN_NOTE,
  params: Type.Object({
    number: RegistrationNumber,
    documentId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  }),
};
