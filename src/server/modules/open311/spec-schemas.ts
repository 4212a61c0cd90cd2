// JSON Schemas of GeoReport v2's answers, for the conformance tests (open311.test.ts); not used by the server.
// request, service and service definition carry the same constraints (required fields, types, enums, formats) as
// schema/georeport-v2/{request,requests,service,services,service-definition}.json of the open311/schema-validation
// repository, restated here from the specification (http://wiki.open311.org/GeoReport_v2): that repository states no
// licence, so its files are not copied into ours. Set OPEN311_SCHEMA_DIR to a checkout's schema/georeport-v2 folder
// to run the same tests against the published files themselves. Discovery, the POST answer, tokens and errors have
// no published schema; theirs below follow the specification's examples.
import fs from 'node:fs';
import path from 'node:path';

type Schema = Record<string, unknown>;

const text = { anyOf: [{ type: 'string' }, { type: 'null' }] };
const dateTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] };
const number = { anyOf: [{ type: 'number' }, { type: 'null' }] };

const request: Schema = {
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  properties: {
    service_request_id: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    status_notes: text,
    service_name: text,
    service_code: { type: 'string' },
    description: { anyOf: [{ type: 'string', maxLength: 4000 }, { type: 'null' }] },
    agency_responsible: text,
    service_notice: text,
    requested_datetime: { type: 'string', format: 'date-time' },
    updated_datetime: dateTime,
    expected_datetime: dateTime,
    address: text,
    address_id: text,
    zipcode: text,
    lat: number,
    long: number,
    media_url: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
  },
};

const service: Schema = {
  required: ['service_code', 'service_name', 'metadata', 'type'],
  properties: {
    service_code: { type: 'string' },
    service_name: { type: 'string' },
    description: text,
    metadata: { type: 'boolean' },
    type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
    keywords: text,
    group: text,
  },
};

const serviceDefinition: Schema = {
  required: ['service_code', 'attributes'],
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        required: ['variable', 'code', 'datatype', 'required'],
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string' },
          datatype: {
            type: 'string',
            enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
          },
          required: { type: 'boolean' },
          datatype_description: text,
          order: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          description: text,
          values: {
            type: 'array',
            items: {
              required: ['key', 'name'],
              properties: { key: { type: 'string' }, name: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

const OURS: Record<string, Schema> = {
  'request.json': request,
  'requests.json': { type: 'array', items: { $ref: 'request.json' } },
  'service.json': service,
  'services.json': { type: 'array', items: { $ref: 'service.json' } },
  'service-definition.json': serviceDefinition,
};

/** The five published documents by file name: from OPEN311_SCHEMA_DIR when set, else the restatement above. */
export function georeportSchemas(): Record<string, Schema> {
  const dir = process.env.OPEN311_SCHEMA_DIR;
  if (!dir) return OURS;
  return Object.fromEntries(
    Object.keys(OURS).map((name) => [
      name,
      JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Schema,
    ]),
  );
}

export const discoverySchema: Schema = {
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string', format: 'date-time' },
          type: { type: 'string', enum: ['production', 'test'] },
          formats: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

/** The POST answer: the request's id and/or a token, and an optional notice. */
export const postAnswerSchema: Schema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    anyOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
    properties: {
      service_request_id: { type: 'string' },
      token: { type: 'string' },
      service_notice: text,
      account_id: text,
    },
  },
};

export const tokensSchema: Schema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['token'],
    properties: { service_request_id: text, token: { type: 'string' } },
  },
};

export const errorsSchema: Schema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};
