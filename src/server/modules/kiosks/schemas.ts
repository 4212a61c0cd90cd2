// Route schemas of kiosks: pairing, the booth's own routes, and the admin's.
import { Type } from 'typebox';
import {
  Id,
  KioskHeartbeat,
  KioskInfo,
  KioskPairing,
  KioskPairingState,
  PairKioskBody,
  ProblemSchema,
} from '../../../common/api.js';
import { KioskAdminView, KioskEditBody } from '../../../common/admin.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const noContent = Type.Null({ description: 'Done' });
const bearer =
  'The booth authenticates with `Authorization: Bearer <token>`, the credential it got when paired.';

export const startPairingSchema = {
  tags: ['kiosk'],
  summary: 'An unpaired booth asks for a pairing code to show on its screen (valid 24 hours)',
  description: 'Keep `id` and `secret` to poll GET /api/kiosk/pairings/{id}; show `code` to the admin.',
  response: { 201: KioskPairing, ...problems(429) },
};

export const pairingStateSchema = {
  tags: ['kiosk'],
  summary: "The booth polls its pairing; once paired, the first answer carries the booth's credential",
  params: Type.Object({ id: Id }),
  headers: Type.Object({ 'x-pairing-secret': Type.String({ minLength: 1, maxLength: 64 }) }),
  response: { 200: KioskPairingState, ...problems(400, 404, 429) },
};

export const kioskMeSchema = {
  tags: ['kiosk'],
  summary: 'The booth this credential belongs to',
  description: bearer,
  response: { 200: KioskInfo, ...problems(401) },
};

export const heartbeatSchema = {
  tags: ['kiosk'],
  summary: "The booth's periodic report: software version, devices, storage, uploads waiting",
  description: bearer,
  body: KioskHeartbeat,
  response: { 204: noContent, ...problems(400, 401, 429) },
};

export const pairKioskSchema = {
  tags: ['admin'],
  summary:
    'Pairs the booth showing this code, under a name and location (the booth then fetches its credential)',
  body: PairKioskBody,
  response: { 201: KioskInfo, ...problems(400, 401, 403, 404) },
};

export const revokeKioskSchema = {
  tags: ['admin'],
  summary: "Revokes a booth's credential; it must be paired again",
  params: Type.Object({ id: Id }),
  response: { 204: noContent, ...problems(400, 401, 403, 404) },
};

export const listKiosksSchema = {
  tags: ['admin'],
  summary:
    'Every paired booth with its state at a glance (ok, silent, fault, waiting, revoked), last heartbeat and today’s appeals',
  response: { 200: Type.Array(KioskAdminView), ...problems(401, 403) },
};

export const editKioskSchema = {
  tags: ['admin'],
  summary: 'Renames a booth or changes its location (shown on its receipts from the next appeal on)',
  params: Type.Object({ id: Id }),
  body: KioskEditBody,
  response: { 200: KioskAdminView, ...problems(400, 401, 403, 404) },
};
