// Route schemas of the overdue view and of a staff member's notification preferences.
import {
  DeadlinesQuery,
  DeadlinesView,
  NotificationPrefs,
  NotificationPrefsBody,
} from '../../../common/deadlines.js';

export const deadlinesSchema = {
  tags: ['office'],
  summary:
    'Overdue and due-soon open appeals the user may read (operators and supervisors: all; officials: theirs), with working days left',
  querystring: DeadlinesQuery,
  response: { 200: DeadlinesView },
};
export const prefsSchema = {
  tags: ['office'],
  summary: 'Where the signed-in user’s reminders go: email, phone, SMS on or off, language',
  response: { 200: NotificationPrefs },
};
export const setPrefsSchema = {
  tags: ['office'],
  summary: 'Sets the signed-in user’s email, phone (KZ mobile), SMS reminders and message language',
  body: NotificationPrefsBody,
  response: { 200: NotificationPrefs },
};
