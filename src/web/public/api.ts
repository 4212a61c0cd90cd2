// The public site's calls after the look-up, over the one client in ui/api.ts. The look-up token travels as the
// HttpOnly cookie the look-up set (path /api/public), so the video player and download links carry it too.
import type { FaqArticle, LookupBody } from '../../common/api.js';
import type {
  DisputeBody,
  PublicAppealView,
  PublicLookup,
  RateBody,
  SmsCodeRequest,
  SmsCodeSent,
  SmsLookupBody,
  WithdrawBody,
} from '../../common/public.js';
import type { Language } from '../../common/statuses.js';
import type { StatsDocument } from '../../common/openstats.js';
import { request } from '../ui/api.js';

export type * from '../../common/public.js';

const appealPath = (number: string) => `/api/public/appeals/${encodeURIComponent(number)}`;

export const publicApi = {
  lookup: (body: LookupBody) => request<PublicLookup>('POST', '/api/public/lookup', body),
  requestSmsCode: (body: SmsCodeRequest) => request<SmsCodeSent>('POST', '/api/public/sms-codes', body),
  lookupBySms: (body: SmsLookupBody) => request<PublicLookup>('POST', '/api/public/sms-lookup', body),
  appeal: (number: string) => request<PublicAppealView>('GET', appealPath(number)),
  rate: (number: string, body: RateBody) =>
    request<PublicAppealView>('POST', `${appealPath(number)}/rating`, body),
  dispute: (number: string, body: DisputeBody) =>
    request<PublicAppealView>('POST', `${appealPath(number)}/dispute`, body),
  withdraw: (number: string, body: WithdrawBody) =>
    request<PublicAppealView>('POST', `${appealPath(number)}/withdrawal`, body),
  searchFaq: (query: string, lang: Language) =>
    request<FaqArticle[]>('GET', `/api/faq?${new URLSearchParams({ q: query, lang }).toString()}`),
  stats: (period: string) => request<StatsDocument>('GET', statsDownload('json', period)),
};

/** The open data of a period: what the page shows (json) and what it offers to download. */
export function statsDownload(format: 'json' | 'csv', period: string): string {
  return `/api/open-data/stats.${format}?${new URLSearchParams({ period }).toString()}`;
}
