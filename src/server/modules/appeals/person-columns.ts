// Column lists shared by the queries that show who an appeal is addressed to, routed to or answered by.
import { officialNameColumns } from '../directory/repository.js';

/** A department's name in three languages, as department_kk/ru/en, from a query that aliases `departments` as `d`. */
export const departmentNameColumns = [
  'd.name_kk as department_kk',
  'd.name_ru as department_ru',
  'd.name_en as department_en',
] as const;

/**
 * An official's public name, position and department (the official row, never the staff account), from a query that
 * aliases `officials` as `o` and `departments` as `d`.
 */
export const personColumns = [...officialNameColumns, ...departmentNameColumns] as const;
