// Partner apps' Open311 API keys (office › Administration › API keys): the admin's contract. The Open311 routes
// themselves (/open311/v2) speak the GeoReport v2 format, not this one (server/modules/open311).
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const API_KEY_NAME_MAX = 100;

export const ApiKeyIssueBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: API_KEY_NAME_MAX, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type ApiKeyIssueBody = Static<typeof ApiKeyIssueBody>;

export const ApiKeyView = Type.Object({
  id: Id,
  name: Type.String(),
  /** The key's first characters, to tell keys apart; the key itself is never shown again. */
  prefix: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  /** Appeals filed with this key. */
  requests: Type.Integer({ minimum: 0 }),
});
export type ApiKeyView = Static<typeof ApiKeyView>;

/** The new key, in the answer to its issue only. */
export const ApiKeyIssued = Type.Object({ key: ApiKeyView, secret: Type.String() });
export type ApiKeyIssued = Static<typeof ApiKeyIssued>;
