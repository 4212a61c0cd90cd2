// Route schemas of the work on one appeal: answers, the draft, documents, comments, attachments, the phone.
import { Type } from 'typebox';
import {
  AnswerDraft,
  AnswerDraftBody,
  AnswerList,
  AnswerSubmitBody,
  AttachmentList,
  CommentBody,
  CommentList,
  FILE_NAME_MAX_LENGTH,
  FileId,
  PhoneRevealed,
} from '../../../common/answers.js';
import { AppealDetail, Id, ProblemSchema } from '../../../common/api.js';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ProblemSchema]));
const byId = { params: Type.Object({ id: Id }) };
const byFile = { params: Type.Object({ id: Id, fileId: FileId }) };
const tags = ['office'];

/** A document is sent as the request's raw body (any content type); its name in the query. */
const uploadQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 2 * FILE_NAME_MAX_LENGTH })),
});
const uploadDescription =
  'The file is the raw request body (send the file itself, any Content-Type); its name goes in `?name=`. Only PDF, JPEG and PNG are accepted, told by the content (415 document-type-rejected), at most ANSWER_DOCUMENT_MAX_BYTES (413 document-too-large).';

export const answersSchema = {
  tags,
  summary: 'Every answer given to the appeal, oldest first (staff see all; the public page shows the latest)',
  ...byId,
  response: { 200: AnswerList, ...problems(400, 401, 403, 404) },
};

export const submitSchema = {
  tags,
  summary: 'Sends the answer with its outcome: the draft’s text, documents and video (or those given here)',
  description:
    'The addressed official (or their deputy) only. `body` is limited HTML (p, br, strong, em, ul, ol, li, a) or plain text, sanitised; `mediaId` a finished tus upload of this browser. Without text, document or video: 422 answer-empty. Outcome `left_without_consideration` moves the appeal to that status, any other to `answered`; an appeal in `disputed` may be answered again. The citizen gets an SMS.',
  ...byId,
  body: AnswerSubmitBody,
  response: { 200: AppealDetail, ...problems(400, 401, 403, 404, 409, 422) },
};

export const draftSchema = {
  tags,
  summary: 'The answer being prepared: text, documents, video',
  ...byId,
  response: { 200: AnswerDraft, ...problems(400, 401, 403, 404) },
};

export const saveDraftSchema = {
  tags,
  summary: 'Saves the draft’s text and/or takes a finished video upload for it (null removes the video)',
  ...byId,
  body: AnswerDraftBody,
  response: { 200: AnswerDraft, ...problems(400, 401, 403, 404, 409, 422) },
};

export const draftDocumentSchema = {
  tags,
  summary: 'Adds a document (PDF, JPEG, PNG) to the answer draft',
  description: `${uploadDescription} At most ANSWER_DOCUMENTS_MAX per answer (409 too-many-documents).`,
  ...byId,
  querystring: uploadQuery,
  response: { 201: AnswerDraft, ...problems(400, 401, 403, 404, 409, 413, 415) },
};

export const removeDraftDocumentSchema = {
  tags,
  summary: 'Takes a document off the answer draft',
  ...byFile,
  response: { 200: AnswerDraft, ...problems(400, 401, 403, 404) },
};

export const documentSchema = {
  tags,
  summary: 'Downloads a document of the appeal: an answer’s, an attachment, or the draft’s',
  ...byFile,
};

export const answerMediaSchema = (summary: string) => ({
  tags,
  summary,
  params: Type.Object({ id: Id, fileId: FileId }),
});

export const commentsSchema = {
  tags,
  summary: 'Staff’s internal comments on the appeal, oldest first (never public)',
  ...byId,
  response: { 200: CommentList, ...problems(400, 401, 403, 404) },
};

export const addCommentSchema = {
  tags,
  summary: 'Adds an internal comment (operators and supervisors on any appeal, officials on theirs)',
  ...byId,
  body: CommentBody,
  response: { 201: CommentList, ...problems(400, 401, 403, 404) },
};

export const attachmentsSchema = {
  tags,
  summary: 'Internal documents staff attached to the appeal',
  ...byId,
  response: { 200: AttachmentList, ...problems(400, 401, 403, 404) },
};

export const addAttachmentSchema = {
  tags,
  summary: 'Attaches an internal document (PDF, JPEG, PNG) to the appeal',
  description: `${uploadDescription} At most APPEAL_ATTACHMENTS_MAX per appeal (409 too-many-documents).`,
  ...byId,
  querystring: uploadQuery,
  response: { 201: AttachmentList, ...problems(400, 401, 403, 404, 409, 413, 415) },
};

export const phoneSchema = {
  tags,
  summary: 'The citizen’s full phone number (audited as appeal.phone_viewed)',
  description:
    'The operator, and the official who handles the appeal; not supervisors (403 forbidden or phone-reveal-not-allowed), never admins.',
  ...byId,
  response: { 200: PhoneRevealed, ...problems(400, 401, 403, 404) },
};
