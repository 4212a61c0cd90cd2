// Route schemas of staff authentication, the user's own account, users (admin) and delegations.
import { Type } from 'typebox';
import {
  DelegationBody,
  DelegationView,
  Id,
  LoginBody,
  Me,
  PasswordChangeBody,
  PasswordReset,
  PasswordResetBody,
  RecoveryCodes,
  TotpConfirmBody,
  TotpDisableBody,
  TotpSetup,
} from '../../../common/api.js';

const IdParams = Type.Object({ id: Id });

export const loginSchema = {
  tags: ['auth'],
  summary:
    'Staff log-in (with the TOTP or a recovery code when the account has a second factor); sets the session cookie',
  body: LoginBody,
  response: { 200: Me },
};
export const logoutSchema = { tags: ['auth'], summary: 'Ends this session' };
export const logoutEverywhereSchema = { tags: ['auth'], summary: 'Ends every session of the signed-in user' };
export const meSchema = { tags: ['auth'], summary: 'The logged-in staff member', response: { 200: Me } };
export const passwordSchema = {
  tags: ['auth'],
  summary: 'Changes the signed-in user’s password; their other sessions end',
  body: PasswordChangeBody,
  response: { 200: Me },
};
export const totpSetupSchema = {
  tags: ['auth'],
  summary: 'Starts setting up the second factor: a new secret and its otpauth:// link',
  response: { 200: TotpSetup },
};
export const totpConfirmSchema = {
  tags: ['auth'],
  summary: 'Confirms the second factor with a code from the app; returns the recovery codes, once',
  body: TotpConfirmBody,
  response: { 200: RecoveryCodes },
};
export const totpDisableSchema = {
  tags: ['auth'],
  summary: 'Turns the second factor off (not for roles that require it)',
  body: TotpDisableBody,
};
export const resetPasswordSchema = {
  tags: ['admin'],
  summary: 'Sets a one-time password the user must change at the next log-in; unlocks the account',
  params: IdParams,
  body: Type.Optional(PasswordResetBody),
  response: { 200: PasswordReset },
};
export const delegationsSchema = {
  tags: ['office'],
  summary: 'Delegations the signed-in user gave or received',
  response: { 200: Type.Array(DelegationView) },
};
export const createDelegationSchema = {
  tags: ['office'],
  summary: 'An official hands their appeals to a deputy for a period',
  body: DelegationBody,
  response: { 201: DelegationView },
};
export const endDelegationSchema = {
  tags: ['office'],
  summary: 'Ends a delegation now',
  params: IdParams,
  response: { 200: DelegationView },
};
