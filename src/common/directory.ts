// The administration of the directory: departments, officials, topics and the import/export file, as TypeBox
// schemas the server validates with and the office app takes its types from.
import { Type, type Static } from 'typebox';
import { Id, Trilingual } from './api.js';

/** Codes are the directory's stable keys (import and export): lower-case letters, digits, '-', '_' and '.'. */
export const DIRECTORY_CODE_PATTERN = '^[a-z0-9][a-z0-9._-]*$';
export const DIRECTORY_LIMITS = {
  code: 64,
  name: 200,
  position: 300,
  area: 500,
  receptionHours: 300,
} as const;
/** The largest import file the server reads. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The largest photo accepted before re-encoding, unless PHOTO_MAX_BYTES says otherwise. */
export const PHOTO_MAX_BYTES_DEFAULT = 5 * 1024 * 1024;
/** The portrait every photo becomes: a JPEG of this size (3:4, like an ID photo and the booth's card). */
export const PORTRAIT_WIDTH = 480;
export const PORTRAIT_HEIGHT = 640;

const Code = Type.String({ pattern: DIRECTORY_CODE_PATTERN, minLength: 1, maxLength: DIRECTORY_LIMITS.code });
const tri = (maxLength: number, minLength = 1) =>
  Type.Object({
    kk: Type.String({ minLength, maxLength }),
    ru: Type.String({ minLength, maxLength }),
    en: Type.String({ minLength, maxLength }),
  });
const NullableId = Type.Union([Id, Type.Null()]);

export const AdminDepartment = Type.Object({
  id: Id,
  code: Type.String(),
  name: Trilingual,
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  retiredAt: Type.Union([Type.String(), Type.Null()]),
  /** Officials in it who are not retired. */
  activeOfficials: Type.Integer(),
});
export type AdminDepartment = Static<typeof AdminDepartment>;

export const DepartmentBody = Type.Object(
  { code: Code, name: tri(DIRECTORY_LIMITS.name) },
  { additionalProperties: false },
);
export type DepartmentBody = Static<typeof DepartmentBody>;

export const AdminOfficial = Type.Object({
  id: Id,
  code: Type.String(),
  departmentId: Id,
  fullName: Trilingual,
  position: Trilingual,
  area: Trilingual,
  receptionHours: Trilingual,
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  shownInKiosk: Type.Boolean(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  retiredAt: Type.Union([Type.String(), Type.Null()]),
  deputyOfficialId: NullableId,
  /** Appeals still waiting for an answer addressed to this official. */
  openAppeals: Type.Integer(),
  /** Every appeal ever addressed to them: an official with any is retired, never deleted. */
  totalAppeals: Type.Integer(),
});
export type AdminOfficial = Static<typeof AdminOfficial>;

export const OfficialBody = Type.Object(
  {
    code: Code,
    departmentId: Id,
    fullName: tri(DIRECTORY_LIMITS.name),
    position: tri(DIRECTORY_LIMITS.position),
    area: tri(DIRECTORY_LIMITS.area, 0),
    /** Free text per language ("Mon and Wed 10:00–12:00, room 204"); empty when not given. */
    receptionHours: tri(DIRECTORY_LIMITS.receptionHours, 0),
    shownInKiosk: Type.Boolean(),
    deputyOfficialId: NullableId,
  },
  { additionalProperties: false },
);
export type OfficialBody = Static<typeof OfficialBody>;

/** Where a retiring official's open appeals go: another official, or a department (the operator routes them). */
export const RetireBody = Type.Object(
  { toOfficialId: Type.Optional(Id), toDepartmentId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type RetireBody = Static<typeof RetireBody>;

export const RetireResult = Type.Object({ official: AdminOfficial, movedAppeals: Type.Integer() });
export type RetireResult = Static<typeof RetireResult>;

export const MoveBody = Type.Object(
  { direction: Type.Union([Type.Literal('up'), Type.Literal('down')]) },
  { additionalProperties: false },
);
export type MoveBody = Static<typeof MoveBody>;

export const AdminCategory = Type.Object({
  id: Id,
  code: Type.String(),
  name: Trilingual,
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  defaultOfficialId: NullableId,
  defaultDepartmentId: NullableId,
});
export type AdminCategory = Static<typeof AdminCategory>;

export const CategoryBody = Type.Object(
  {
    code: Code,
    name: tri(DIRECTORY_LIMITS.name),
    active: Type.Boolean(),
    defaultOfficialId: NullableId,
    defaultDepartmentId: NullableId,
  },
  { additionalProperties: false },
);
export type CategoryBody = Static<typeof CategoryBody>;

export const DirectoryFormat = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
export type DirectoryFormat = Static<typeof DirectoryFormat>;

/**
 * The columns of the import and export file, in order: one flat table, one row per official with their department's
 * columns beside them; a department without officials is a row with the official's columns empty.
 */
export const DIRECTORY_COLUMNS = [
  'department_code',
  'department_name_kk',
  'department_name_ru',
  'department_name_en',
  'official_code',
  'full_name_kk',
  'full_name_ru',
  'full_name_en',
  'position_kk',
  'position_ru',
  'position_en',
  'area_kk',
  'area_ru',
  'area_en',
  'reception_hours_kk',
  'reception_hours_ru',
  'reception_hours_en',
  'shown_in_kiosk',
  'sort_order',
  'deputy_code',
] as const;
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];

export const ImportError = Type.Object({
  /** The row in the file as a spreadsheet numbers it: the header is row 1. */
  row: Type.Integer(),
  column: Type.String(),
  /** A stable code: required, too-long, bad-code, not-russian, not-english, control-characters, unknown-department… */
  code: Type.String(),
  message: Type.String(),
});
export type ImportError = Static<typeof ImportError>;

const Counts = Type.Object({ departments: Type.Integer(), officials: Type.Integer() });

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  /** Data rows read (the header aside). */
  rows: Type.Integer(),
  /** What the import creates and updates (or would, on a dry run); nothing is written when there are errors. */
  created: Counts,
  updated: Counts,
  unchanged: Counts,
  errors: Type.Array(ImportError),
});
export type ImportReport = Static<typeof ImportReport>;
