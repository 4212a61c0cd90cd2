// Route schemas of notifications: the admins' outbox log, and the delivery-report callback of an HTTP SMS gateway.
import { Type, type Static } from 'typebox';
import {
  ChannelSchema,
  NotificationPage,
  NotificationStateSchema,
  ProblemSchema,
} from '../../../common/api.js';

// The log's bodies are part of the shared contract (the office reads them); re-exported for the server's modules.
export {
  ChannelSchema,
  DeliveryStateSchema,
  NotificationPage,
  NotificationStateSchema,
  NotificationView,
} from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const listNotificationsSchema = {
  tags: ['admin'],
  summary: 'The notification outbox, newest first: state, delivery, reason, gateway',
  querystring: Type.Object(
    {
      state: Type.Optional(NotificationStateSchema),
      channel: Type.Optional(ChannelSchema),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      cursor: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  response: { 200: NotificationPage, ...problems(400, 401, 403) },
};

/** The report's fields, from the query string or the body (JSON or a form); names are configurable. */
const ReportFields = Type.Record(Type.String(), Type.Unknown());
export type ReportFields = Static<typeof ReportFields>;

/** The usual query fields, named for the OpenAPI document; others (configured names) pass through. */
const ReportQuery = Type.Object(
  {
    id: Type.Optional(
      Type.String({ maxLength: 100, description: 'Our notification id, as {id} and {dlr_url} give it' }),
    ),
    status: Type.Optional(Type.String({ maxLength: 100, description: 'The status (SMS_DLR_STATUS_FIELD)' })),
    message_id: Type.Optional(
      Type.String({ maxLength: 200, description: "The gateway's message id (SMS_DLR_MESSAGE_ID_FIELD)" }),
    ),
  },
  { additionalProperties: true },
);

const dlrParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const dlrDescription =
  'Called by the SMS gateway with `id` (ours, from {dlr_url}) or its own message id (SMS_DLR_MESSAGE_ID_FIELD), and ' +
  'a status (SMS_DLR_STATUS_FIELD): Kannel report types (1, 2, 4, 8, 16) or words (DELIVRD, delivered, failed …). ' +
  'The path carries SMS_DLR_TOKEN; the route answers 404 while no token is configured.';

export const dlrGetSchema = {
  tags: ['system'],
  summary: 'Delivery report of an SMS (gateway callback, query string)',
  description: dlrDescription,
  params: dlrParams,
  querystring: ReportQuery,
  response: { 204: Type.Null(), ...problems(400, 403, 404, 429) },
};

export const dlrPostSchema = {
  tags: ['system'],
  summary: 'Delivery report of an SMS (gateway callback, JSON or form body)',
  description: dlrDescription,
  params: dlrParams,
  querystring: ReportQuery,
  body: Type.Optional(ReportFields),
  response: { 204: Type.Null(), ...problems(400, 403, 404, 415, 429) },
};
