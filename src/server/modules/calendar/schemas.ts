// Route schemas of the working-day calendar (admins).
import { Type } from 'typebox';
import { CalendarDay, CalendarDayBody, CalendarQuery, CalendarYear, Day } from '../../../common/deadlines.js';

export const calendarYearSchema = {
  tags: ['admin'],
  summary: 'A year’s days off and moved working days (statutory ones marked)',
  querystring: CalendarQuery,
  response: { 200: CalendarYear },
};
export const addCalendarDaySchema = {
  tags: ['admin'],
  summary:
    'Adds a day off (a weekday) or a working day (a weekend day); counts for new deadlines at once, never moves a stored one',
  body: CalendarDayBody,
  response: { 201: CalendarDay },
};
export const removeCalendarDaySchema = {
  tags: ['admin'],
  summary: 'Removes a day off or a moved working day from the calendar',
  params: Type.Object({ day: Day }),
};
