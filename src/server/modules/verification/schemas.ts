// Route schemas of phone confirmation by SMS code.
import { Type } from 'typebox';
import {
  PhoneVerification,
  PhoneVerificationConfirm,
  PhoneVerificationId,
  PhoneVerificationStart,
  PhoneVerified,
  ProblemSchema,
} from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const byId = { params: Type.Object({ id: PhoneVerificationId }) };

export const startSchema = {
  tags: ['phone'],
  summary: 'Sends a six-digit confirmation code by SMS to a Kazakh mobile number',
  description:
    'At most SMS_CODE_MAX_PER_HOUR codes go to one number in an hour (429 too-many-requests with Retry-After).',
  body: PhoneVerificationStart,
  response: { 201: PhoneVerification, ...problems(400, 422, 429) },
};

export const resendSchema = {
  tags: ['phone'],
  summary: 'Sends a fresh code for the same confirmation (the earlier code stops working)',
  description:
    'Not before resendAfterSeconds (429 verification-resend-too-early with Retry-After); counts toward the hourly cap.',
  ...byId,
  response: { 200: PhoneVerification, ...problems(400, 404, 410, 429) },
};

export const confirmSchema = {
  tags: ['phone'],
  summary: 'Checks the code; gives a single-use token, valid 30 minutes, to submit the appeal with',
  description:
    'A wrong code answers 422 verification-code-wrong with the tries left in `detail`; once the tries are used up, every try answers 429 verification-locked.',
  ...byId,
  body: PhoneVerificationConfirm,
  response: { 200: PhoneVerified, ...problems(400, 404, 410, 422, 429) },
};
