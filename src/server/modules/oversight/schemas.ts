// Route schemas of the supervisor's dashboard, its drill-down list and its exports.
import { Type } from 'typebox';
import { ProblemSchema } from '../../../common/api.js';
import {
  OversightDashboard,
  OversightExportQuery,
  OversightFilters,
  OversightListQuery,
  OversightPage,
} from '../../../common/oversight.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const dashboardSchema = {
  tags: ['office'],
  summary:
    'Supervisors: the period’s figures (and the previous period’s), a series by registration day, per-department and per-official performance, topics trending, booths’ traffic (docs/oversight.md)',
  querystring: OversightFilters,
  response: { 200: OversightDashboard, ...problems(400, 401, 403, 404) },
};
export const appealsSchema = {
  tags: ['office'],
  summary: 'Supervisors: the appeals behind a figure of the dashboard, newest first, keyset pages',
  querystring: OversightListQuery,
  response: { 200: OversightPage, ...problems(400, 401, 403, 404) },
};
export const exportSchema = {
  tags: ['office'],
  summary:
    'Supervisors: a table of the dashboard or the appeals behind a figure as CSV or XLSX, streamed, with the filters written in the file; audited',
  querystring: OversightExportQuery,
  response: {
    200: Type.Unknown({ description: 'text/csv (with a byte-order mark) or an XLSX workbook' }),
    ...problems(400, 401, 403, 404),
  },
};
