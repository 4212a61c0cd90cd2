// Route schemas of the office inbox: the list, the counts per view, the filter menus and saved views.
import { Type } from 'typebox';
import { Id, ProblemSchema } from '../../../common/api.js';
import {
  InboxCounts,
  InboxFilterOptions,
  InboxFilters,
  InboxPage,
  InboxQuery,
  SavedView,
  SavedViewBody,
} from '../../../common/inbox.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const listSchema = {
  tags: ['office'],
  summary: "The staff member's inbox: a view, filters and search, sorted, a page at a time",
  description:
    'Views: new (registered, not yet moved), mine (addressed to me, to an official who delegates to me, or to my department without a named official), due-soon (open, deadline within 3 working days), overdue (open, deadline passed), answered, disputed, all. `q` finds a whole registration number, a whole phone number, or words of the typed note or of an answer (each word a prefix). Sorts: registered (newest first), deadline (nearest first), status; `dir` reverses. Pages by keyset: pass `nextCursor` back as `cursor` with the same view, filters and sort (another sort is 400 invalid-cursor). Phones are masked. Officials see only their own appeals; an admin without a reading role is refused.',
  querystring: InboxQuery,
  response: { 200: InboxPage, ...problems(400, 401, 403) },
};

export const countsSchema = {
  tags: ['office'],
  summary: 'How many appeals each inbox view holds under the given filters (each count stops at `cap`)',
  querystring: InboxFilters,
  response: { 200: InboxCounts, ...problems(400, 401, 403) },
};

export const filterOptionsSchema = {
  tags: ['office'],
  summary: 'The departments, categories and booths the inbox filters offer',
  response: { 200: InboxFilterOptions, ...problems(401, 403) },
};

export const listViewsSchema = {
  tags: ['office'],
  summary: "The staff member's own saved inbox views",
  response: { 200: Type.Array(SavedView), ...problems(401, 403) },
};

export const createViewSchema = {
  tags: ['office'],
  summary: 'Saves a named inbox view (view, filters and sort) for the staff member',
  body: SavedViewBody,
  response: { 201: SavedView, ...problems(400, 401, 403, 409) },
};

export const deleteViewSchema = {
  tags: ['office'],
  summary: 'Deletes one of the staff member’s saved views',
  params: Type.Object({ id: Id }),
  response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
};
