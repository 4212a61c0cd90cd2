// The last look-up's answer, kept in memory so the appeal's page shows at once after the form; a reload asks the
// server again with the cookie the look-up set.
import type { PublicAppealView, PublicLookup } from '../../common/public.js';

let last: PublicLookup | null = null;

export function rememberLookup(result: PublicLookup): void {
  last = result;
}

export function rememberedAppeal(number: string): PublicAppealView | null {
  return last && last.registrationNumber === number ? last : null;
}
