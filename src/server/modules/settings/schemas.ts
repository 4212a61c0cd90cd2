// Route schemas of the settings an administrator edits.
import { Type } from 'typebox';
import { ProblemSchema } from '../../../common/api.js';
import { AdminSettings, SettingsPatch } from '../../../common/settings.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const getAdminSettingsSchema = {
  tags: ['admin'],
  summary: 'The effective settings, the configuration’s defaults, and which settings an admin has set',
  response: { 200: AdminSettings, ...problems(401, 403) },
};

export const patchAdminSettingsSchema = {
  tags: ['admin'],
  summary:
    'Changes settings: a value sets one, null puts it back to the configuration’s default. The base recording time must not exceed the maximum, nor the base and the extension together (422 settings-invalid). A new number of working days applies to appeals registered afterwards; stored deadlines never move. Audited as settings.updated.',
  body: SettingsPatch,
  response: { 200: AdminSettings, ...problems(400, 401, 403, 422) },
};

export const putLogoSchema = {
  tags: ['admin'],
  summary:
    'Sets the organisation’s logo: the body is the picture (PNG or JPEG, told by its bytes, at most 2 MB); it is re-encoded to fit 600×200 without metadata',
  response: { 200: AdminSettings, ...problems(401, 403, 413, 422) },
};

export const deleteLogoSchema = {
  tags: ['admin'],
  summary: 'Removes the organisation’s logo',
  response: { 200: AdminSettings, ...problems(401, 403) },
};

export const logoSchema = {
  tags: ['system'],
  summary: 'The organisation’s logo (404 when none is set)',
  querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
};
