// The office's contract for work on one appeal: the answer (draft, documents, video, outcome), every answer given
// so far, internal comments, internal attachments and the phone reveal. TypeBox schemas, as in api.ts.
import { Type, type Static } from 'typebox';
import { Id, MediaStateSchema, OutcomeSchema, PersonRef } from './api.js';
import { ANSWER_MAX_LENGTH } from './limits.js';

/** The answer's limited HTML as sent by the editor; its plain text may be at most ANSWER_MAX_LENGTH characters. */
export const ANSWER_HTML_MAX_LENGTH = 4 * ANSWER_MAX_LENGTH;
export const COMMENT_MAX_LENGTH = 4000;
export const FILE_NAME_MAX_LENGTH = 200;
/** What a document may be, found from its first bytes (never from its name or declared type). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** An upload's id from tus (/api/uploads), as the uploader module makes them. */
export const UploadId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** A second path parameter: not a uuid check, so that the role check answers before the format does. */
export const FileId = Type.String({ minLength: 1, maxLength: 64 });

export const AnswerDraftBody = Type.Object(
  {
    /** Limited HTML (p, br, strong, em, ul, ol, li, a) or plain text; sanitised on the server. */
    body: Type.Optional(Type.String({ maxLength: ANSWER_HTML_MAX_LENGTH })),
    /** A finished tus upload of this browser to answer with on video; null takes the draft's video away. */
    mediaId: Type.Optional(Type.Union([UploadId, Type.Null()])),
  },
  { additionalProperties: false },
);
export type AnswerDraftBody = Static<typeof AnswerDraftBody>;

/**
 * Sends the answer: the draft's text, documents and video, with `body` and `mediaId` (when given) taking the place
 * of the draft's own. At least one of text, document or video is needed.
 */
export const AnswerSubmitBody = Type.Object(
  {
    outcome: OutcomeSchema,
    body: Type.Optional(Type.String({ maxLength: ANSWER_HTML_MAX_LENGTH })),
    mediaId: Type.Optional(Type.Union([UploadId, Type.Null()])),
  },
  { additionalProperties: false },
);
export type AnswerSubmitBody = Static<typeof AnswerSubmitBody>;

export const StaffRef = Type.Object({ id: Id, displayName: Type.String() });
export type StaffRef = Static<typeof StaffRef>;

export const StaffDocument = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  /** Download address behind the staff session. */
  url: Type.String(),
  at: Type.String({ format: 'date-time' }),
  by: Type.Union([StaffRef, Type.Null()]),
});
export type StaffDocument = Static<typeof StaffDocument>;

export const AnswerVideo = Type.Object({
  mediaId: Type.String(),
  state: MediaStateSchema,
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  videoUrl: Type.Union([Type.String(), Type.Null()]),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  failureReason: Type.Union([Type.String(), Type.Null()]),
});
export type AnswerVideo = Static<typeof AnswerVideo>;

export const AnswerDraft = Type.Object({
  /** Sanitised HTML, as it will be sent. */
  body: Type.String(),
  documents: Type.Array(StaffDocument),
  video: Type.Union([AnswerVideo, Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedBy: Type.Union([StaffRef, Type.Null()]),
  limits: Type.Object({ maxDocuments: Type.Integer(), maxDocumentBytes: Type.Integer() }),
});
export type AnswerDraft = Static<typeof AnswerDraft>;

/** One answer as staff see it: every answer stays, the public page shows the latest. */
export const AnswerRecord = Type.Object({
  id: Type.String(),
  html: Type.String(),
  text: Type.String(),
  outcome: OutcomeSchema,
  at: Type.String({ format: 'date-time' }),
  author: Type.Union([PersonRef, Type.Null()]),
  by: Type.Union([StaffRef, Type.Null()]),
  documents: Type.Array(StaffDocument),
  video: Type.Union([AnswerVideo, Type.Null()]),
  /** The citizen disputed this answer ("the problem is not solved"). */
  dispute: Type.Union([
    Type.Object({ reason: Type.String(), at: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});
export type AnswerRecord = Static<typeof AnswerRecord>;

export const AnswerList = Type.Object({
  answers: Type.Array(AnswerRecord),
  /** What the signed-in staff member may do with this appeal now. */
  can: Type.Object({ answer: Type.Boolean() }),
});
export type AnswerList = Static<typeof AnswerList>;

export const CommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: COMMENT_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type CommentBody = Static<typeof CommentBody>;

export const CommentView = Type.Object({
  id: Type.String(),
  body: Type.String(),
  at: Type.String({ format: 'date-time' }),
  author: StaffRef,
});
export type CommentView = Static<typeof CommentView>;

export const CommentList = Type.Object({
  comments: Type.Array(CommentView),
  can: Type.Object({ comment: Type.Boolean() }),
});
export type CommentList = Static<typeof CommentList>;

export const AttachmentList = Type.Object({
  attachments: Type.Array(StaffDocument),
  can: Type.Object({ attach: Type.Boolean() }),
  limits: Type.Object({ maxAttachments: Type.Integer(), maxDocumentBytes: Type.Integer() }),
});
export type AttachmentList = Static<typeof AttachmentList>;

export const PhoneRevealed = Type.Object({ phone: Type.String() });
export type PhoneRevealed = Static<typeof PhoneRevealed>;
