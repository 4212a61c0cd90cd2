// Route schemas of the directory.
import { Type } from 'typebox';
import { CategoryItem, Id, OfficialCard } from '../../../common/api.js';

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
