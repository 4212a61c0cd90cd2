// Route schemas of Open311 GeoReport v2 (its JSON bodies, written after the spec) and of the admins' API keys.
import { Type, type TSchema } from 'typebox';
import { Id, ProblemSchema } from '../../../common/api.js';
import { ApiKeyIssueBody, ApiKeyIssued, ApiKeyView } from '../../../common/open311.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const Nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);
const Text = Nullable(Type.String());

const Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), {
  description: "GeoReport v2's error list (not problem+json on these routes); XML: <errors><error>…",
});
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Errors]));

const Format = Type.String({ maxLength: 10, description: 'json or xml; any other is answered 400 in JSON' });
const formatParam = Type.Object({ format: Format });
const keyParams = {
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  locale: Type.Optional(Type.String({ maxLength: 20, description: 'kk, ru or en (also kk_KZ, ru-RU…)' })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
};
const apiKey = Type.Optional(
  Type.String({
    maxLength: 200,
    description: 'A partner key: adds media_url and the text of its own requests',
  }),
);

const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});

const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Text,
  metadata: Type.Boolean(),
  type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
  keywords: Text,
  group: Text,
});

const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Text,
      order: Nullable(Type.Integer()),
      description: Text,
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});

const DateTime = Type.String({ format: 'date-time' });
const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Text,
  service_name: Text,
  service_code: Type.String(),
  description: Text,
  agency_responsible: Text,
  service_notice: Text,
  requested_datetime: DateTime,
  updated_datetime: Nullable(DateTime),
  expected_datetime: Nullable(DateTime),
  address: Text,
  address_id: Text,
  zipcode: Text,
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Text,
});

const Filed = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    token: Type.String(),
    service_notice: Type.String(),
    account_id: Text,
  }),
);

const xml = 'Answers in XML with the `.xml` suffix (Content-Type text/xml).';

export const discoverySchema = {
  tags: ['open311'],
  summary: 'Open311 discovery: the GeoReport v2 endpoint, its formats and where keys come from',
  description: xml,
  params: formatParam,
  response: { 200: Discovery, ...errors(400) },
};

export const servicesSchema = {
  tags: ['open311'],
  summary: 'The appeal topics as Open311 services, named in the `locale` language',
  description: xml,
  params: formatParam,
  querystring: Type.Object(keyParams),
  response: { 200: Type.Array(Service), ...errors(400, 404) },
};

export const serviceDefinitionSchema = {
  tags: ['open311'],
  summary: "A service's definition: its one attribute, the kind of appeal",
  description: xml,
  params: Type.Object({ code: Type.String({ maxLength: 100 }), format: Format }),
  querystring: Type.Object(keyParams),
  response: { 200: ServiceDefinition, ...errors(400, 404) },
};

export const listRequestsSchema = {
  tags: ['open311'],
  summary: 'Service requests (appeals): status, topic, dates and department; newest first, at most 1000',
  description: `Without dates the last 90 days; a range may not span more than 90 days. With service_request_id (comma-separated, at most 1000) the other filters are ignored. ${xml}`,
  params: formatParam,
  querystring: Type.Object({
    ...keyParams,
    api_key: apiKey,
    service_request_id: Type.Optional(Type.String({ maxLength: 40_000 })),
    service_code: Type.Optional(Type.String({ maxLength: 2000 })),
    start_date: Type.Optional(Type.String({ maxLength: 40 })),
    end_date: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
  }),
  response: { 200: Type.Array(ServiceRequest), ...errors(400, 403, 404) },
};

export const getRequestSchema = {
  tags: ['open311'],
  summary: 'One service request, as an array of one',
  description: xml,
  params: Type.Object({ id: Type.String({ maxLength: 100 }), format: Format }),
  querystring: Type.Object({ ...keyParams, api_key: apiKey }),
  response: { 200: Type.Array(ServiceRequest), ...errors(400, 403, 404) },
};

export const postRequestSchema = {
  tags: ['open311'],
  summary: 'A partner app files an appeal (typed) for a citizen: api_key required',
  description:
    'Form-encoded (or JSON). Required: api_key, service_code, description (20+ characters), phone (a Kazakhstan mobile: the citizen gets the receipt SMS and follows the appeal with an SMS code). Optional: attribute[appeal_type], address_string, address_id, lat, long, first_name, last_name, email (written into the appeal for the official, never published), locale. The key holder vouches for the phone and the consent. Send an `Idempotency-Key` header to make retries safe. At most OPEN311_POSTS_PER_KEY_HOUR filings per key an hour (429). ' +
    xml,
  params: formatParam,
  querystring: Type.Object(keyParams),
  headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
  body: Type.Object(
    {
      api_key: apiKey,
      service_code: Type.Optional(Type.String({ maxLength: 100 })),
      description: Type.Optional(Type.String({ maxLength: 4000 })),
      phone: Type.Optional(Type.String({ maxLength: 32 })),
      lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
      long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
      address_string: Type.Optional(Type.String({ maxLength: 300 })),
      address_id: Type.Optional(Type.String({ maxLength: 100 })),
      email: Type.Optional(Type.String({ maxLength: 200 })),
      first_name: Type.Optional(Type.String({ maxLength: 100 })),
      last_name: Type.Optional(Type.String({ maxLength: 100 })),
      device_id: Type.Optional(Type.String({ maxLength: 200 })),
      account_id: Type.Optional(Type.String({ maxLength: 200 })),
      media_url: Type.Optional(Type.String({ maxLength: 2000 })),
      jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
    },
    { additionalProperties: true },
  ),
  response: { 200: Filed, ...errors(400, 403, 404, 429) },
};

export const tokenSchema = {
  tags: ['open311'],
  summary: 'The service request a POST token stands for',
  description: xml,
  params: Type.Object({ token: Type.String({ maxLength: 100 }), format: Format }),
  querystring: Type.Object(keyParams),
  response: {
    200: Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() })),
    ...errors(400, 404),
  },
};

export const listApiKeysSchema = {
  tags: ['admin'],
  summary: "Partner apps' Open311 API keys: name, created, last used, revoked, filings",
  response: { 200: Type.Array(ApiKeyView), ...problems(401, 403) },
};

export const issueApiKeySchema = {
  tags: ['admin'],
  summary: 'Issues an Open311 API key to a partner app; the secret is in this answer only',
  body: ApiKeyIssueBody,
  response: { 201: ApiKeyIssued, ...problems(400, 401, 403) },
};

export const revokeApiKeySchema = {
  tags: ['admin'],
  summary: 'Revokes an Open311 API key at once (its filings stay)',
  params: Type.Object({ id: Id }),
  response: { 200: ApiKeyView, ...problems(400, 401, 403, 404) },
};
