// Moderation on the appeal's page: the duplicate links both ways and the decisions taken, and for operators the
// tools: leave without consideration (spam, abuse, not an appeal), close as a duplicate of another appeal, record a
// withdrawal the citizen asked for, and hide parts of the note or the answer from the public page.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppealDetail } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import {
  REJECT_KINDS,
  WITHDRAW_CHANNELS,
  normaliseRanges,
  redact,
  type HandlingView,
  type RedactionField,
  type RejectKind,
  type TextRange,
  type WithdrawChannel,
} from '../../../common/handling.js';
import { HANDLING_REASON_MAX_LENGTH } from '../../../common/handling.js';
import {
  ConfirmStep,
  ReasonAndConfirm,
  ReasonField,
  useDecision,
  useHandlingPanel,
  type ActDone,
  type HandlingPanelProps,
} from './handling.js';

export function ModeratePanel({ detail, onChanged }: HandlingPanelProps) {
  const { t } = useTranslation();
  const { view, setView, error, done } = useHandlingPanel(detail, onChanged);
  if (!view) return error ? <ErrorMessage error={error} /> : null;
  const tools = view.can.moderate || view.can.withdraw || view.can.redact;
  const shown =
    tools ||
    view.duplicateOf ||
    view.duplicates.length > 0 ||
    view.moderations.length > 0 ||
    hasRedaction(view);
  if (!shown) return null;
  return (
    <section className="card handling" aria-labelledby="moderation-heading" data-testid="moderate-panel">
      <h2 id="moderation-heading">{t('office.handling.moderation.title')}</h2>
      <Links view={view} />
      <Decisions view={view} />
      <PublicVersions view={view} />
      {tools ? (
        <div className="handling-tools">
          {view.can.moderate ? (
            <Tool title={t('office.handling.moderation.reject.title')} testId="tool-reject">
              <RejectForm key={view.status} view={view} onDone={done} />
            </Tool>
          ) : null}
          {view.can.moderate ? (
            <Tool title={t('office.handling.moderation.duplicate.title')} testId="tool-duplicate">
              <DuplicateForm key={view.status} view={view} onDone={done} />
            </Tool>
          ) : null}
          {view.can.withdraw ? (
            <Tool title={t('office.handling.moderation.withdraw.title')} testId="tool-withdraw">
              <WithdrawForm key={view.status} view={view} onDone={done} />
            </Tool>
          ) : null}
          {view.can.redact && (detail.note || detail.answer?.body) ? (
            <Tool title={t('office.handling.moderation.redact.title')} testId="tool-redact">
              <RedactForm view={view} detail={detail} onSaved={setView} />
            </Tool>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function hasRedaction(view: HandlingView): boolean {
  return Boolean(view.redactions.note ?? view.redactions.answer);
}

function Tool({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <details className="handling-tool" data-testid={testId}>
      <summary>
        <h3>{title}</h3>
      </summary>
      {children}
    </details>
  );
}

function AppealLinkTo({ id, number }: { id: string; number: string }) {
  return (
    <a href={`/office/appeals/${id}`} onClick={followLink}>
      {number}
    </a>
  );
}

function Links({ view }: { view: HandlingView }) {
  const { t } = useTranslation();
  if (!view.duplicateOf && view.duplicates.length === 0) return null;
  return (
    <div className="duplicate-links" data-testid="duplicate-links">
      {view.duplicateOf ? (
        <p>
          {t('office.handling.moderation.duplicateOf')}{' '}
          <AppealLinkTo id={view.duplicateOf.id} number={view.duplicateOf.registrationNumber} />
        </p>
      ) : null}
      {view.duplicates.length > 0 ? (
        <p>
          {t('office.handling.moderation.duplicates')}{' '}
          {view.duplicates.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <AppealLinkTo id={d.id} number={d.registrationNumber} />
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function Decisions({ view }: { view: HandlingView }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (view.moderations.length === 0) return null;
  return (
    <ol className="handling-log" data-testid="moderation-log">
      {view.moderations.map((m) => (
        <li key={m.id}>
          <p>
            <time dateTime={m.at}>{formatDateTime(m.at, lng)}</time> —{' '}
            <strong>{t(`office.handling.moderation.kinds.${m.kind}`)}</strong>
            {m.channel ? ` (${t(`office.handling.moderation.channels.${m.channel}`)})` : ''}
          </p>
          <p className="reason">{t('common.reason', { reason: m.reason })}</p>
          {m.actor ? <p className="muted small">{t('office.handling.by', { name: m.actor })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function PublicVersions({ view }: { view: HandlingView }) {
  const { t } = useTranslation();
  const shown = (['note', 'answer'] as const).filter((f) => (view.redactions[f]?.ranges.length ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <div data-testid="public-versions">
      {shown.map((field) => (
        <div key={field}>
          <h3>{t(`office.handling.moderation.redact.publicVersion.${field}`)}</h3>
          <p className="pre public-version">{view.redactions[field]?.publicText}</p>
        </div>
      ))}
    </div>
  );
}

function RejectForm({ view, onDone }: { view: HandlingView; onDone: ActDone }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RejectKind>('spam');
  const d = useDecision(
    async (reason) => onDone(await api.rejectAppeal(view.appealId, { kind, reason })),
    () => true,
  );
  return (
    <form className="handling-form" onSubmit={(e) => d.submit(e)} noValidate data-testid="reject-form">
      <fieldset className="handling-choice">
        <legend>{t('office.handling.moderation.reject.kind')}</legend>
        {REJECT_KINDS.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="reject-kind"
              checked={kind === k}
              onChange={() => {
                setKind(k);
                d.setConfirming(false);
              }}
            />{' '}
            {t(`office.handling.moderation.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted small">
        {kind === 'spam'
          ? t('office.handling.moderation.reject.noSms')
          : t('office.handling.moderation.reject.sms')}
      </p>
      <ReasonAndConfirm
        decision={d}
        reasonId="reject-reason"
        reasonLabel={t('office.handling.moderation.reject.reason')}
        reasonHint={t('office.handling.moderation.reject.reasonHint')}
        submitLabel={t('office.handling.moderation.reject.submit')}
        question={t('office.handling.moderation.reject.confirm')}
        testId="reject-submit"
      />
    </form>
  );
}

function DuplicateForm({ view, onDone }: { view: HandlingView; onDone: ActDone }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const numberMissing = number.trim() === '';
  const d = useDecision(
    async (comment) =>
      onDone(
        await api.markDuplicate(view.appealId, {
          originalNumber: number.trim(),
          ...(comment ? { comment } : {}),
        }),
      ),
    () => !numberMissing,
  );
  return (
    <form
      className="handling-form"
      onSubmit={(e) => d.submit(e, false)}
      noValidate
      data-testid="duplicate-form"
    >
      <div className="field">
        <label htmlFor="duplicate-number">{t('office.handling.moderation.duplicate.number')}</label>
        <p className="muted small" id="duplicate-number-hint">
          {t('office.handling.moderation.duplicate.numberHint')}
        </p>
        <input
          id="duplicate-number"
          type="text"
          inputMode="numeric"
          maxLength={32}
          value={number}
          aria-describedby="duplicate-number-hint"
          aria-invalid={(d.tried && numberMissing) || undefined}
          onChange={(e) => {
            setNumber(e.target.value);
            d.setConfirming(false);
          }}
        />
        {d.tried && numberMissing ? (
          <p className="error">{t('office.handling.moderation.duplicate.numberRequired')}</p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="duplicate-comment">{t('office.handling.moderation.duplicate.comment')}</label>
        <textarea
          id="duplicate-comment"
          rows={2}
          maxLength={HANDLING_REASON_MAX_LENGTH}
          value={d.reason}
          onChange={(e) => {
            d.setReason(e.target.value);
            d.setConfirming(false);
          }}
        />
      </div>
      <ErrorMessage error={d.error} />
      <ConfirmStep
        label={t('office.handling.moderation.duplicate.submit')}
        question={t('office.handling.moderation.duplicate.confirm', { number: number.trim() })}
        confirming={d.confirming}
        busy={d.busy}
        onCancel={() => d.setConfirming(false)}
        testId="duplicate-submit"
      />
    </form>
  );
}

function WithdrawForm({ view, onDone }: { view: HandlingView; onDone: ActDone }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<WithdrawChannel>('phone');
  const d = useDecision(
    async (reason) => onDone(await api.withdrawForCitizen(view.appealId, { channel, reason })),
    () => true,
  );
  return (
    <form className="handling-form" onSubmit={(e) => d.submit(e)} noValidate data-testid="withdraw-form">
      <div className="field">
        <label htmlFor="withdraw-channel">{t('office.handling.moderation.withdraw.channel')}</label>
        <select
          id="withdraw-channel"
          value={channel}
          onChange={(e) => {
            setChannel(e.target.value as WithdrawChannel);
            d.setConfirming(false);
          }}
        >
          {WITHDRAW_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`office.handling.moderation.channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <ReasonAndConfirm
        decision={d}
        reasonId="withdraw-reason"
        reasonLabel={t('office.handling.moderation.withdraw.reason')}
        submitLabel={t('office.handling.moderation.withdraw.submit')}
        question={t('office.handling.moderation.withdraw.confirm')}
        testId="withdraw-submit"
      />
    </form>
  );
}

function RedactForm({
  view,
  detail,
  onSaved,
}: {
  view: HandlingView;
  detail: AppealDetail;
  onSaved: (next: HandlingView) => void;
}) {
  const { t } = useTranslation();
  const fields = (['note', 'answer'] as const).filter((f) =>
    f === 'note' ? detail.note : detail.answer?.body,
  );
  const [field, setField] = useState<RedactionField>(fields[0] ?? 'note');
  const original = (field === 'note' ? detail.note : detail.answer?.body) ?? '';
  const [ranges, setRanges] = useState<TextRange[]>(view.redactions[field]?.ranges ?? []);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const [noSelection, setNoSelection] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { busy, error, run } = useAction();
  const preview = redact(original, normaliseRanges(ranges, original.length) ?? []);

  const chooseField = (f: RedactionField) => {
    setField(f);
    setRanges(view.redactions[f]?.ranges ?? []);
    setSaved(false);
  };
  const hideSelection = () => {
    const el = textRef.current;
    if (!el || el.selectionStart === el.selectionEnd) {
      setNoSelection(true);
      return;
    }
    setNoSelection(false);
    setSaved(false);
    const next = normaliseRanges(
      [...ranges, { start: el.selectionStart, end: el.selectionEnd }],
      original.length,
    );
    if (next) setRanges(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === '') return;
    void run(async () => {
      const next = await api.redactText(view.appealId, { field, ranges, reason: reason.trim() });
      onSaved(next);
      setRanges(next.redactions[field]?.ranges ?? []);
      setReason('');
      setTried(false);
      setSaved(true);
    });
  };

  return (
    <form className="handling-form" onSubmit={submit} noValidate data-testid="redact-form">
      <p className="muted small">{t('office.handling.moderation.redact.hint')}</p>
      {fields.length > 1 ? (
        <fieldset className="handling-choice">
          <legend>{t('office.handling.moderation.redact.field')}</legend>
          {fields.map((f) => (
            <label key={f}>
              <input type="radio" name="redact-field" checked={field === f} onChange={() => chooseField(f)} />{' '}
              {t(`office.handling.moderation.redact.fields.${f}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor="redact-original">{t(`office.handling.moderation.redact.original.${field}`)}</label>
        <textarea id="redact-original" ref={textRef} readOnly rows={5} value={original} />
      </div>
      <button type="button" onClick={hideSelection} data-testid="redact-hide">
        {t('office.handling.moderation.redact.hide')}
      </button>
      {noSelection ? (
        <p className="error" role="alert">
          {t('office.handling.moderation.redact.selectFirst')}
        </p>
      ) : null}
      {ranges.length > 0 ? (
        <ul className="hidden-parts" aria-label={t('office.handling.moderation.redact.hiddenParts')}>
          {ranges.map((r) => (
            <li key={`${r.start}-${r.end}`}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setRanges(ranges.filter((x) => x !== r));
                  setSaved(false);
                }}
              >
                {t('office.handling.moderation.redact.showAgain', { text: original.slice(r.start, r.end) })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <h4>{t('office.handling.moderation.redact.preview')}</h4>
        <p className="pre public-version" data-testid="redact-preview">
          {preview}
        </p>
      </div>
      <ReasonField
        id="redact-reason"
        label={t('office.handling.moderation.redact.reason')}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setSaved(false);
        }}
        invalid={tried && reason.trim() === ''}
      />
      <ErrorMessage error={error} />
      {saved ? (
        <p className="notice" role="status">
          {t('office.handling.moderation.redact.saved')}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy} data-testid="redact-submit">
        {busy ? t('office.handling.working') : t('office.handling.moderation.redact.submit')}
      </button>
    </form>
  );
}
