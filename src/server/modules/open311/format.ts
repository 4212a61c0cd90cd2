// GeoReport v2's two formats: JSON (always an array at the top, but for discovery and a service definition) and XML
// (a root element with one child per item), and its errors: a list of {code, description} with the HTTP status.
import { XMLBuilder } from 'fast-xml-parser';

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** An Open311 error: answered as the spec's error list, never as problem+json (docs/open311.md). */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500,
    readonly description: string,
  ) {
    super(description);
  }
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The element name of one item of each list the spec nests in XML. */
const ITEM_NAMES: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function xmlValue(value: Json, name: string): unknown {
  if (Array.isArray(value)) return { [ITEM_NAMES[name] ?? 'item']: value.map((v) => xmlValue(v, '')) };
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlValue(v, k)]));
  return value;
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };

/** A list as `<root><item>…</item>…</root>`, or one object as `<root>…</root>` when `item` is null. */
export function toXml(root: string, item: string | null, body: Json): string {
  const content =
    item === null ? xmlValue(body, root) : { [item]: (body as Json[]).map((v) => xmlValue(v, '')) };
  return builder.build({ ...DECLARATION, [root]: content });
}

export function errorBody(error: Open311Error, format: Format): string {
  const errors = [{ code: error.status, description: error.description }];
  return format === 'xml' ? toXml('errors', 'error', errors) : JSON.stringify(errors);
}
