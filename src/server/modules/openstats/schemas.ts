// Route schemas of the open data, and the JSON Schema document served for the statistics (the same TypeBox schema).
import { Type } from 'typebox';
import { ProblemSchema } from '../../../common/api.js';
import { StatsDocument, StatsQuery } from '../../../common/openstats.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

const COMMON =
  'No login. Department level only; figures from fewer than STATS_MIN_COUNT appeals are null and listed in `suppressed`, with complementary suppression so none can be worked out from the total (docs/open-data.md). Licence CC BY 4.0 (the `Link: rel="license"` header). Cached: Cache-Control public, max-age STATS_CACHE_SECONDS, and an ETag (If-None-Match → 304). Rate-limited per address like the other public reads (PUBLIC_READ_RATE_PER_MINUTE). A period after the last published day (the end of the last complete month) or before 2000 is 422 stats-period-invalid.';

export const statsJsonSchema = {
  tags: ['public'],
  summary: 'Public statistics of a period, per department and for the region, as JSON',
  description: COMMON,
  querystring: StatsQuery,
  response: { 200: StatsDocument, 304: Type.Null(), ...problems(400, 422, 429) },
};

export const statsCsvSchema = {
  tags: ['public'],
  summary:
    'The same statistics as CSV (UTF-8 with a byte-order mark; the region first, then each department)',
  description: COMMON,
  querystring: StatsQuery,
  response: {
    200: Type.Unknown({ description: 'text/csv; the columns are the JSON document’s fields' }),
    304: Type.Null(),
    ...problems(400, 422, 429),
  },
};

export const statsSchemaSchema = {
  tags: ['public'],
  summary: 'The JSON Schema of the statistics document (stats.json)',
  response: { 200: Type.Unknown({ description: 'application/schema+json' }), 304: Type.Null() },
};

/** What GET /api/open-data/stats.schema.json serves: the TypeBox schema as a draft-07 JSON Schema. */
export function statsJsonSchemaDocument(id: string): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(id.startsWith('http') ? { $id: id } : {}),
    title: 'Dialog public statistics',
    description:
      'How each public body answered the appeals registered in a period: received, answered on time, median answer time in working days, satisfaction. Small counts suppressed (min_count). Licence: CC BY 4.0.',
    ...(JSON.parse(JSON.stringify(StatsDocument)) as Record<string, unknown>),
  };
}
