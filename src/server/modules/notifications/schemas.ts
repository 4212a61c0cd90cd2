// Route schemas of notifications: the admins' outbox log, and the delivery-report callback of an HTTP SMS gateway.
import { Type, type Static, type TSchema } from 'typebox';
import { LanguageSchema, ProblemSchema } from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const NotificationStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
]);
export const ChannelSchema = Type.Union([Type.Literal('sms'), Type.Literal('email')]);
export const DeliveryStateSchema = Type.Union([
  Type.Literal('accepted'),
  Type.Literal('delivered'),
  Type.Literal('undelivered'),
]);

export const NotificationView = Type.Object({
  id: Type.String(),
  channel: ChannelSchema,
  /** Masked: +7701*****67, a***@example.kz. */
  recipient: Type.String(),
  template: Type.String(),
  language: LanguageSchema,
  subject: nullable(Type.String()),
  /** The text as sent; an SMS code's digits are hidden unless SMS_DRIVER=log (then the office is the only way to it). */
  body: Type.String(),
  /** SMS only: the parts it takes (GSM-7 160/153, UCS-2 70/67). */
  segments: nullable(Type.Integer({ minimum: 1 })),
  state: NotificationStateSchema,
  deliveryState: nullable(DeliveryStateSchema),
  attempts: Type.Integer({ minimum: 0 }),
  /** The last send error, a permanent failure's reason, or why delivery failed. */
  reason: nullable(Type.String()),
  driver: nullable(Type.String()),
  providerId: nullable(Type.String()),
  appealId: nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: nullable(Type.String()),
  deliveredAt: nullable(Type.String()),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: nullable(Type.String()),
});
export type NotificationPage = Static<typeof NotificationPage>;

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
