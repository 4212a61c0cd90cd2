// Route schemas of appeals: submission and office.
import { Type } from 'typebox';
import {
  AppealDetail,
  Id,
  ProblemSchema,
  Receipt,
  Reservation,
  ReservationBody,
  SubmitAppealBody,
} from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));

export const submitSchema = {
  tags: ['appeals'],
  summary: 'Registers an appeal whose recording has been uploaded over tus to /api/uploads',
  description:
    "Answers only after the server holds every byte of the recording and ffprobe has accepted it (a refused recording is deleted: 422 media-rejected), except with `deliveryPending`, which registers a reserved appeal while its recording is still arriving (`videoComplete: false`). The access code in the answer is shown once: print it on the receipt; with `reservationId` there is none in the answer, the reservation gave it. The same reservation and upload submitted again answer with the same receipt; another upload under a spent reservation is 409 reservation-mismatch. A booth sends its credential as `Authorization: Bearer <token>`; with SMS_CODE_REQUIRED the `phoneToken` from a phone confirmation is required (and spent), and a given one must be valid in any case. From the virtual reception (`source: 'web'`) the `phoneToken` is required whatever SMS_CODE_REQUIRED says (WEB_SMS_CODE_REQUIRED), one phone registers at most WEB_APPEALS_PER_PHONE_DAY appeals in 24 hours (429 too-many-requests), and an appeal may be typed: no `uploadId`, a `note` of at least 20 characters (422 text-appeal-too-short); without an upload from elsewhere it is 422 upload-required.",
  body: SubmitAppealBody,
  response: { 201: Receipt, ...problems(400, 401, 403, 404, 409, 422, 429) },
};

export const reservationSchema = {
  tags: ['appeals'],
  summary: 'Reserves a registration number and access code for the recording that is starting',
  description:
    'Call it when recording starts; pass the reservation id as tus metadata `reservation` and as `reservationId` when submitting. The booth can then print a true receipt even if its network is down at Stop (submit later with `deliveryPending`). The access code is shown once. The reservation belongs to the booth (its credential) or the browser (the HttpOnly `dialog_uploader` cookie set by this answer) that made it. A reservation never submitted leaves a gap in the day’s registration numbers.',
  body: ReservationBody,
  response: { 201: Reservation, ...problems(400, 401, 429) },
};

const byId = { params: Type.Object({ id: Id }) };

export const detailSchema = {
  tags: ['office'],
  summary: 'One appeal with its history, answer and media',
  ...byId,
  response: { 200: AppealDetail, ...problems(401, 403, 404) },
};

export const mediaSchema = (summary: string) => ({ tags: ['office'], summary, ...byId });
