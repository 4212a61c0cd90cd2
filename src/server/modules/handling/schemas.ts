// Route schemas of work on an appeal: routing, redirect, extension, moderation, and what the appeal page reads.
import { Type, type TSchema } from 'typebox';
import { Id, ProblemSchema } from '../../../common/api.js';
import {
  DeadlineHistory,
  DuplicateBody,
  ExtendBody,
  HandlingView,
  OfficeWithdrawBody,
  RedactBody,
  RedirectBody,
  RejectBody,
  RouteBody,
  RoutingTargets,
} from '../../../common/handling.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const byId = { params: Type.Object({ id: Id }) };
const action = <B extends TSchema>(summary: string, description: string, body: B) => ({
  tags: ['office'],
  summary,
  description,
  ...byId,
  body,
  response: { 200: HandlingView, ...problems(400, 401, 403, 404, 409, 422) },
});

export const handlingSchema = {
  tags: ['office'],
  summary: 'The appeal’s routing log, redirect window, moderation, redactions and what the user may do now',
  ...byId,
  response: { 200: HandlingView, ...problems(401, 403, 404) },
};

export const deadlineHistorySchema = {
  tags: ['office'],
  summary: 'The appeal’s deadline as registered and each extension since',
  ...byId,
  response: { 200: DeadlineHistory, ...problems(401, 403, 404) },
};

export const routingTargetsSchema = {
  tags: ['office'],
  summary: 'Departments and active officials an appeal can be routed or redirected to',
  response: { 200: RoutingTargets, ...problems(401, 403) },
};

export const routeSchema = action(
  'Routes the appeal to an official or department of the directory (status under_review)',
  'Operators route any appeal; an official routes an appeal they handle. A reason is required (422 reason-required); the target must be in the directory (422 unknown-official, unknown-department, routing-target-required); the status must allow under_review (409 invalid-transition).',
  RouteBody,
);

export const redirectSchema = action(
  'Redirects the appeal to another official or department, or to an outside body (status redirected)',
  'Give `officialId` or `departmentId` (the appeal changes hands) or `outsideBody` (free text: the appeal stays, marked redirected), and a reason. The citizen gets the `redirected` SMS naming where it went; the status page shows where and why. A redirect after the 3-working-day window from registration is recorded as late, not refused. 422 redirect-to-self for the current addressee.',
  RedirectBody,
);

export const extendSchema = action(
  'Extends the deadline by a reasoned decision (status extended)',
  'Only the official who handles the appeal. The new deadline must be a working day (422 deadline-not-working-day) after the current one (422 deadline-not-after-current) and at most EXTENSION_MAX_MONTHS months after registration (422 extension-beyond-maximum). The citizen gets the `extended` SMS; the change is kept in the deadline history.',
  ExtendBody,
);

export const rejectSchema = action(
  'Leaves the appeal without consideration as spam, abuse or not an appeal',
  'Operators only. The reason is shown to the citizen on the status page. Abuse and not-an-appeal send the `notConsidered` SMS; spam sends nothing.',
  RejectBody,
);

export const duplicateSchema = action(
  'Closes the appeal as a duplicate of another (left without consideration, "duplicate of N")',
  'Operators only. 422 duplicate-of-itself, duplicate-target-not-found, duplicate-target-is-duplicate. The link shows on both appeals; the citizen gets the `notConsidered` SMS.',
  DuplicateBody,
);

export const redactSchema = action(
  'Sets the public version of the note or of the latest answer, with the given ranges hidden',
  'Operators only. Ranges are UTF-16 offsets into the original text, which staff keep seeing; each hidden part becomes "[…]" on the public page. No ranges: public in full again. 409 nothing-to-redact, 422 redaction-range-invalid.',
  RedactBody,
);

export const withdrawSchema = action(
  'Records a withdrawal the citizen asked for (status withdrawn)',
  'Operators only, with how the request came (`channel`) and what was asked. The citizen gets the `withdrawn` SMS.',
  OfficeWithdrawBody,
);
