// The dashboard's calls and addresses: the filters live in the page's URL, so a drill-down or an export is a link.
import type {
  OversightDashboard,
  OversightFilters,
  OversightMetric,
  OversightPage,
  OversightTable,
} from '../../../common/oversight.js';
import { request } from '../../ui/api.js';

export type * from '../../../common/oversight.js';

const FILTER_KEYS = ['from', 'to', 'department', 'official', 'category', 'kiosk', 'type', 'status'] as const;

export function filterParams(filters: OversightFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The filters a URL's query names (from and to only if both are days). */
export function filtersFrom(search: string): Partial<OversightFilters> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

export function dashboardPath(filters: OversightFilters): string {
  return `/office/oversight?${filterParams(filters).toString()}`;
}

/** The list of appeals behind a figure, with these filters (and any narrowing, e.g. one department). */
export function drillPath(filters: OversightFilters, metric: OversightMetric): string {
  const params = filterParams(filters);
  params.set('metric', metric);
  return `/office/oversight/appeals?${params.toString()}`;
}

export function exportUrl(
  filters: OversightFilters,
  table: OversightTable,
  format: 'csv' | 'xlsx',
  lang: string,
  metric?: OversightMetric,
): string {
  const params = filterParams(filters);
  params.set('table', table);
  params.set('format', format);
  params.set('lang', lang);
  if (metric) params.set('metric', metric);
  return `/api/office/oversight/export?${params.toString()}`;
}

export const oversightApi = {
  dashboard: (filters: OversightFilters) =>
    request<OversightDashboard>('GET', `/api/office/oversight?${filterParams(filters).toString()}`),
  appeals: (filters: OversightFilters, metric: OversightMetric, cursor: string | null) => {
    const params = filterParams(filters);
    params.set('metric', metric);
    if (cursor) params.set('cursor', cursor);
    return request<OversightPage>('GET', `/api/office/oversight/appeals?${params.toString()}`);
  },
};
