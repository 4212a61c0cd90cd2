// The answer on the appeal's page: every answer given so far (staff see all; the citizen the latest), and for the
// official who handles the appeal the draft — rich text, documents, a video — sent with the law's outcome. After a
// dispute the official answers again here.
import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type AnswerDraft,
  type AnswerList,
  type AnswerRecord,
  type AppealDetail,
  type Me,
  type StaffDocument,
} from '../../ui/api.js';
import { AnswerFacts, ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, pick } from '../../ui/format.js';
import { useAction } from '../../ui/useAction.js';
import { ANSWER_OUTCOMES, type AnswerOutcome } from '../../../common/statuses.js';
import { Player } from './Player.js';
import { RichTextEditor } from './RichTextEditor.js';
import { VideoAnswer } from './VideoAnswer.js';

const VIDEO_POLL_MS = 2000;

/** PDF, JPEG and PNG, as the server tells them by content; the picker only offers those. */
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export function fileSize(bytes: number, lng: string): string {
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb >= 1024
    ? new Intl.NumberFormat(lng, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
        kb / 1024,
      )
    : new Intl.NumberFormat(lng, { style: 'unit', unit: 'kilobyte' }).format(kb);
}

export function DocumentLinks({
  documents,
  onRemove,
}: {
  documents: StaffDocument[];
  onRemove?: (d: StaffDocument) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={d.url} download={d.name}>
            {d.name}
          </a>{' '}
          <span className="muted">({fileSize(d.sizeBytes, lng)})</span>
          {onRemove ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onRemove(d)}>
                {t('office.answer.remove', { name: d.name })}
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function AnswerItem({ answer, n, many }: { answer: AnswerRecord; n: number; many: boolean }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const heading = `answer-${answer.id}`;
  return (
    <article
      className="answer card"
      aria-labelledby={many ? heading : 'answers-heading'}
      data-testid="answer-record"
    >
      {many ? <h3 id={heading}>{t('office.answer.answerNumber', { n })}</h3> : null}
      {answer.html ? (
        // Sanitised on the server by its allow-list (answers/richtext.ts): safe to insert as it is.
        <div className="answer-body rich" dangerouslySetInnerHTML={{ __html: answer.html }} />
      ) : null}
      <AnswerFacts
        answer={answer}
        author={
          answer.author ? `${pick(answer.author.fullName, lng)}, ${pick(answer.author.position, lng)}` : null
        }
      />
      {answer.by ? <p className="muted">{t('office.answer.by', { name: answer.by.displayName })}</p> : null}
      {answer.video ? (
        answer.video.videoUrl ? (
          <Player
            src={answer.video.videoUrl}
            poster={answer.video.posterUrl}
            label={t('office.answer.video')}
            className="answer-video"
          />
        ) : (
          <p>{t('office.videoAnswer.state', { state: t(`office.mediaStates.${answer.video.state}`) })}</p>
        )
      ) : null}
      {answer.documents.length > 0 ? (
        <>
          <h4>{t('office.answer.documents')}</h4>
          <DocumentLinks documents={answer.documents} />
        </>
      ) : null}
      {answer.dispute ? (
        <p className="notice" role="note">
          {t('office.answer.disputed', { reason: answer.dispute.reason })}
        </p>
      ) : null}
    </article>
  );
}

interface PanelProps {
  detail: AppealDetail;
  me: Me;
  onChanged: (detail: AppealDetail) => void;
}

export function AnswerPanel({ detail, me, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const [list, setList] = useState<AnswerList | null>(null);
  const { error, run } = useAction();

  useEffect(() => {
    void run(async () => setList(await api.answers(detail.id)));
  }, [detail.id, detail.status, run]);

  if (!list) return <ErrorMessage error={error} />;
  const many = list.answers.length > 1;
  return (
    <section className="answers" aria-labelledby="answers-heading">
      {list.answers.length > 0 ? (
        <>
          <h2 id="answers-heading">{many ? t('office.answer.answers') : t('common.answer')}</h2>
          {list.answers.map((a, i) => (
            <AnswerItem key={a.id} answer={a} n={i + 1} many={many} />
          ))}
        </>
      ) : (
        <h2 id="answers-heading" className="visually-hidden">
          {t('office.answer.answers')}
        </h2>
      )}
      <ErrorMessage error={error} />
      {list.can.answer && me.roles.includes('official') ? (
        <AnswerForm appealId={detail.id} again={detail.status === 'disputed'} onAnswered={onChanged} />
      ) : null}
    </section>
  );
}

function AnswerForm({
  appealId,
  again,
  onAnswered,
}: {
  appealId: string;
  again: boolean;
  onAnswered: (detail: AppealDetail) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [draft, setDraft] = useState<AnswerDraft | null>(null);
  const [html, setHtml] = useState('');
  const [outcome, setOutcome] = useState<AnswerOutcome | ''>('');
  const [resetKey, setResetKey] = useState('initial');
  const load = useAction();
  const files = useAction();
  const send = useAction();

  const loaded = useCallback((d: AnswerDraft) => {
    setDraft(d);
    setHtml(d.body);
    setResetKey(`${d.updatedAt ?? 'new'}-${Math.random()}`);
  }, []);

  useEffect(() => {
    void load.run(async () => loaded(await api.answerDraft(appealId)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per appeal
  }, [appealId]);

  // While the draft's video is being prepared, look again now and then (the text being typed is left alone).
  const preparing = draft?.video && (draft.video.state === 'uploaded' || draft.video.state === 'processing');
  useEffect(() => {
    if (!preparing) return;
    const timer = window.setTimeout(() => {
      api.answerDraft(appealId).then(
        (d) => setDraft((current) => (current ? { ...current, video: d.video } : d)),
        () => undefined,
      );
    }, VIDEO_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [appealId, preparing, draft?.video?.state, draft]);

  if (!draft) return <ErrorMessage error={load.error} />;

  const addDocuments = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    void files.run(async () => {
      let latest = draft;
      for (const file of chosen) latest = await api.addDraftDocument(appealId, file);
      setDraft(latest);
    });
  };

  const removeDocument = (d: StaffDocument) =>
    void files.run(async () => setDraft(await api.removeDraftDocument(appealId, d.id)));

  const saveDraft = () =>
    void send.run(async () => {
      const saved = await api.saveAnswerDraft(appealId, { body: html });
      setDraft(saved);
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) return;
    void send.run(async () => {
      const result = await api.answer(appealId, { outcome, body: html });
      setOutcome('');
      onAnswered(result);
    });
  };

  const hasText = html.replace(/<[^>]*>|&nbsp;|\s/g, '') !== '';
  const hasSomething = hasText || draft.documents.length > 0 || draft.video !== null;
  const full = draft.documents.length >= draft.limits.maxDocuments;
  return (
    <form className="card answer-form" onSubmit={submit} aria-labelledby="answer-form-heading">
      <h2 id="answer-form-heading">{again ? t('office.answer.againTitle') : t('office.answer.formTitle')}</h2>
      {again ? <p className="notice">{t('office.answer.again')}</p> : null}
      <RichTextEditor
        initialHtml={draft.body}
        resetKey={resetKey}
        label={t('office.answer.text')}
        onChange={setHtml}
        disabled={send.busy}
      />

      <section aria-labelledby="answer-documents-heading">
        <h3 id="answer-documents-heading">{t('office.answer.documents')}</h3>
        {draft.documents.length > 0 ? (
          <DocumentLinks documents={draft.documents} onRemove={removeDocument} />
        ) : (
          <p className="muted">{t('office.answer.noDocuments')}</p>
        )}
        <label htmlFor="answer-document" className={`file-button ${full ? 'disabled' : ''}`}>
          {t('office.answer.addDocument')}
        </label>
        <input
          id="answer-document"
          className="visually-hidden"
          type="file"
          accept={DOCUMENT_ACCEPT}
          multiple
          disabled={full || files.busy}
          onChange={addDocuments}
          aria-describedby="answer-document-hint"
        />
        <p id="answer-document-hint" className="muted">
          {t('office.answer.documentsHint', {
            count: draft.limits.maxDocuments,
            size: fileSize(draft.limits.maxDocumentBytes, lng),
          })}
        </p>
        {files.busy ? <p role="status">{t('office.answer.uploading')}</p> : null}
        <ErrorMessage error={files.error} />
      </section>

      <VideoAnswer appealId={appealId} draft={draft} onDraft={setDraft} disabled={send.busy} />

      <label htmlFor="answer-outcome">{t('office.answer.outcome')}</label>
      <select
        id="answer-outcome"
        value={outcome}
        required
        onChange={(e) => setOutcome(e.target.value as AnswerOutcome)}
      >
        <option value="" disabled>
          {t('office.answer.chooseOutcome')}
        </option>
        {ANSWER_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`common.outcomes.${o}`)}
          </option>
        ))}
      </select>
      {!hasSomething ? <p className="muted">{t('office.answer.needsSomething')}</p> : null}
      {draft.updatedAt && draft.updatedBy ? (
        <p className="muted" data-testid="draft-saved">
          {t('office.answer.saved', {
            time: formatDateTime(draft.updatedAt, lng),
            name: draft.updatedBy.displayName,
          })}
        </p>
      ) : null}
      <ErrorMessage error={send.error} />
      <div className="actions">
        <button type="button" onClick={saveDraft} disabled={send.busy}>
          {t('office.answer.saveDraft')}
        </button>
        <button type="submit" className="primary" disabled={send.busy || !hasSomething || !outcome}>
          {send.busy ? t('office.answer.sending') : t('office.answer.send')}
        </button>
      </div>
    </form>
  );
}
