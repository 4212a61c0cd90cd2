// Route schemas of staff authentication.
import { LoginBody, Me } from '../../../common/api.js';

export const loginSchema = {
  tags: ['auth'],
  summary: 'Staff log-in; sets the session cookie',
  body: LoginBody,
  response: { 200: Me },
};
export const logoutSchema = { tags: ['auth'], summary: 'Ends this session' };
export const meSchema = { tags: ['auth'], summary: 'The logged-in staff member', response: { 200: Me } };
