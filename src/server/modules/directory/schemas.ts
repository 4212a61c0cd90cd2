// Route schemas of the directory.
import { Type } from 'typebox';
import { CategoryItem, Id, OfficialCard, ProblemSchema } from '../../../common/api.js';
import {
  AdminCategory,
  AdminDepartment,
  AdminOfficial,
  CategoryBody,
  DepartmentBody,
  DirectoryFormat,
  ImportReport,
  MoveBody,
  OfficialBody,
  RetireBody,
  RetireResult,
} from '../../../common/directory.js';

export const listOfficialsSchema = {
  tags: ['directory'],
  summary: 'Officials shown in the booth, in kiosk order',
  response: { 200: Type.Array(OfficialCard) },
};

export const listCategoriesSchema = {
  tags: ['directory'],
  summary: 'Appeal topics',
  response: { 200: Type.Array(CategoryItem) },
};

export const photoSchema = {
  tags: ['directory'],
  summary: "An official's portrait",
  params: Type.Object({ id: Id }),
};

// Administration (admins only)

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const byId = Type.Object({ id: Id });

export const adminListDepartmentsSchema = {
  tags: ['admin'],
  summary: 'Every department in order, retired ones too, with how many officials work in each',
  response: { 200: Type.Array(AdminDepartment), ...problems(401, 403) },
};
export const adminCreateDepartmentSchema = {
  tags: ['admin'],
  summary: 'Creates a department (at the end of the order)',
  body: DepartmentBody,
  response: { 201: AdminDepartment, ...problems(400, 401, 403, 409) },
};
export const adminEditDepartmentSchema = {
  tags: ['admin'],
  summary: "Changes a department's code or names",
  params: byId,
  body: DepartmentBody,
  response: { 200: AdminDepartment, ...problems(400, 401, 403, 404, 409) },
};
export const adminDepartmentActionSchema = (summary: string) => ({
  tags: ['admin'],
  summary,
  params: byId,
  response: { 200: AdminDepartment, ...problems(400, 401, 403, 404, 409) },
});
export const adminMoveDepartmentSchema = {
  tags: ['admin'],
  summary: 'Moves a department up or down the order',
  params: byId,
  body: MoveBody,
  response: { 200: Type.Array(AdminDepartment), ...problems(400, 401, 403, 404) },
};

export const adminListOfficialsSchema = {
  tags: ['admin'],
  summary: 'Every official in booth order, retired ones too, with their open and total appeals',
  response: { 200: Type.Array(AdminOfficial), ...problems(401, 403) },
};
export const adminCreateOfficialSchema = {
  tags: ['admin'],
  summary: 'Creates an official (at the end of the booth order)',
  body: OfficialBody,
  response: { 201: AdminOfficial, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminEditOfficialSchema = {
  tags: ['admin'],
  summary: "Changes an official's code, department, texts in three languages, booth visibility or deputy",
  params: byId,
  body: OfficialBody,
  response: { 200: AdminOfficial, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminDeleteOfficialSchema = {
  tags: ['admin'],
  summary:
    'Deletes an official entered by mistake; one with appeals (or referred to) is retired instead (409)',
  params: byId,
  response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 401, 403, 404, 409) },
};
export const adminRetireOfficialSchema = {
  tags: ['admin'],
  summary:
    'Retires an official (gone from the booth and the virtual reception); their open appeals move to the official or department named, in one transaction',
  params: byId,
  body: RetireBody,
  response: { 200: RetireResult, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminRestoreOfficialSchema = {
  tags: ['admin'],
  summary: 'Brings a retired official back',
  params: byId,
  response: { 200: AdminOfficial, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminMoveOfficialSchema = {
  tags: ['admin'],
  summary: 'Moves an official up or down the booth order',
  params: byId,
  body: MoveBody,
  response: { 200: Type.Array(AdminOfficial), ...problems(400, 401, 403, 404) },
};
export const adminSetPhotoSchema = {
  tags: ['admin'],
  summary:
    "Sets an official's photo: the body is the picture (JPEG, PNG or WebP, told by its bytes, at most PHOTO_MAX_BYTES); it is re-encoded to a 480×640 JPEG without metadata",
  params: byId,
  response: { 200: AdminOfficial, ...problems(401, 403, 404, 413, 422) },
};
export const adminRemovePhotoSchema = {
  tags: ['admin'],
  summary: "Removes an official's photo",
  params: byId,
  response: { 200: AdminOfficial, ...problems(400, 401, 403, 404) },
};

export const adminListCategoriesSchema = {
  tags: ['admin'],
  summary: 'Every topic in order, retired ones too, with the official or department each routes to',
  response: { 200: Type.Array(AdminCategory), ...problems(401, 403) },
};
export const adminCreateCategorySchema = {
  tags: ['admin'],
  summary: 'Creates a topic (at the end of the order)',
  body: CategoryBody,
  response: { 201: AdminCategory, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminEditCategorySchema = {
  tags: ['admin'],
  summary: "Changes a topic's code, names, routing, or retires it (active: false)",
  params: byId,
  body: CategoryBody,
  response: { 200: AdminCategory, ...problems(400, 401, 403, 404, 409, 422) },
};
export const adminMoveCategorySchema = {
  tags: ['admin'],
  summary: 'Moves a topic up or down the order',
  params: byId,
  body: MoveBody,
  response: { 200: Type.Array(AdminCategory), ...problems(400, 401, 403, 404) },
};

export const adminExportSchema = {
  tags: ['admin'],
  summary: 'The directory as one flat CSV or XLSX file (docs/admin-directory.md lists the columns)',
  querystring: Type.Object({ format: DirectoryFormat }),
  response: {
    200: Type.Unknown({ description: 'The file (text/csv with a byte-order mark, or an XLSX workbook)' }),
    ...problems(400, 401, 403),
  },
};
export const adminImportSchema = {
  tags: ['admin'],
  summary:
    'Imports a directory file (the body: CSV or XLSX). dryRun=true lists every error by row and column and what would change, writing nothing',
  querystring: Type.Object({ format: DirectoryFormat, dryRun: Type.Optional(Type.Boolean()) }),
  response: { 200: ImportReport, ...problems(400, 401, 403, 413, 422) },
};
