// Route schemas of Administration › Privacy (admins only).
import { Type } from 'typebox';
import { Id, ProblemSchema } from '../../../common/api.js';
import {
  CitizenAppeals,
  HoldBody,
  PrivacyEraseBody,
  PrivacyErased,
  PrivacySearchBody,
} from '../../../common/privacy.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const noContent = Type.Null({ description: 'Done' });
const inBody =
  'The phone number travels in the body, never in the address, so that it stays out of access logs; the audit row keeps the reference and counts only.';

export const privacySearchSchema = {
  tags: ['admin'],
  summary: "A citizen's appeals, found by their phone number (exact, as E.164) on a lawful request",
  description: `${inBody} 422 invalid-phone; 404 privacy-phone-unknown when no appeal holds the number.`,
  body: PrivacySearchBody,
  response: { 200: CitizenAppeals, ...problems(400, 401, 403, 404, 422) },
};

export const privacyExportSchema = {
  tags: ['admin'],
  summary:
    "A citizen's appeals as a ZIP: appeals.json with their data and answers, their videos and the answers' documents",
  description: inBody,
  body: PrivacySearchBody,
  response: {
    200: Type.Unknown({ description: 'The ZIP (application/zip)' }),
    ...problems(400, 401, 403, 404, 422),
  },
};

export const privacyEraseSchema = {
  tags: ['admin'],
  summary:
    "Erases a citizen's personal data and videos from all their appeals (the statistical skeleton stays)",
  description: `${inBody} 409 appeal-on-hold while one is under a legal hold; 409 privacy-appeals-open while one is open, unless \`withdrawOpen\` confirms their withdrawal (a disputed appeal must be answered first).`,
  body: PrivacyEraseBody,
  response: { 200: PrivacyErased, ...problems(400, 401, 403, 404, 409, 422) },
};

export const holdSchema = {
  tags: ['admin'],
  summary:
    'Puts an appeal under a legal hold (a court or prosecutor asked to keep it): never deleted while held',
  params: Type.Object({ id: Id }),
  body: HoldBody,
  response: { 204: noContent, ...problems(400, 401, 403, 404, 409, 422) },
};

export const releaseHoldSchema = {
  tags: ['admin'],
  summary: "Ends an appeal's legal hold; the retention periods apply to it again",
  params: Type.Object({ id: Id }),
  body: HoldBody,
  response: { 204: noContent, ...problems(400, 401, 403, 404, 409, 422) },
};
