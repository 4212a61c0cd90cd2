// What the citizen's status page takes from work on the appeal: redirect and extension notices with where a
// redirect went, and the public version of the answer when an operator hid parts of it.
import type { PublicNotice } from '../../../common/public.js';
import type { Database } from '../../db/index.js';
import { tri } from '../directory/service.js';
import { latestAnswerRedaction, listPublicNotices } from './repository.js';

export async function publicNotices(db: Database, appealId: string): Promise<PublicNotice[]> {
  const rows = await listPublicNotices(db, appealId);
  return rows.map((r) => {
    let to: PublicNotice['to'] = null;
    if (r.outside_body) to = { kk: r.outside_body, ru: r.outside_body, en: r.outside_body };
    else if (r.full_name_en !== null) to = tri(r, 'full_name');
    else if (r.department_en !== null) to = tri(r, 'department');
    return { kind: r.to_status as PublicNotice['kind'], at: r.at, reason: r.reason, to };
  });
}

/** The redacted text of the latest answer, if an operator hid parts of it: `answerId` says which answer. */
export async function publicAnswerText(
  db: Database,
  appealId: string,
): Promise<{ answerId: string; text: string } | null> {
  const row = await latestAnswerRedaction(db, appealId);
  return row?.answer_id ? { answerId: row.answer_id, text: row.public_text } : null;
}
