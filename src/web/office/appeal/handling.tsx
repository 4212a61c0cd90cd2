// What the handling panels (RoutePanel, ExtendPanel, ModeratePanel, DeadlineHistory) share: the appeal's handling
// view loaded again whenever the appeal changes, the step after an act, the reason-and-confirm state of an act's
// form, a reason field, and the confirm step.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AppealDetail, type Me } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { navigate } from '../../ui/router.js';
import { useAction } from '../../ui/useAction.js';
import type { HandlingView } from '../../../common/handling.js';
import { HANDLING_REASON_MAX_LENGTH } from '../../../common/handling.js';

/** Changes when anything a panel shows may have changed: status, deadline, addressee or a new history row. */
export function revisionOf(detail: AppealDetail): string {
  return [
    detail.status,
    detail.deadlineOn,
    detail.addressee?.fullName.en ?? '',
    detail.history.length,
    detail.answer?.at ?? '',
  ].join('|');
}

export function useHandling(detail: AppealDetail) {
  const [view, setView] = useState<HandlingView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const revision = revisionOf(detail);
  useEffect(() => {
    let stop = false;
    api.handling(detail.id).then(
      (v) => {
        if (!stop) setView(v);
      },
      (e: unknown) => {
        if (!stop) setError(e);
      },
    );
    return () => {
      stop = true;
    };
  }, [detail.id, revision]);
  return { view, setView, error };
}

/** What the appeal page gives each handling panel. */
export interface HandlingPanelProps {
  detail: AppealDetail;
  me: Me;
  onChanged: (detail: AppealDetail) => void;
}

/** An act's answer: the new handling view, shown at once, then the appeal read again. */
export type ActDone = (next: HandlingView) => Promise<void>;

/** A panel's handling view and what to do when one of its acts is done (see reloadAfterAct). */
export function useHandlingPanel(detail: AppealDetail, onChanged: (detail: AppealDetail) => void) {
  const { view, setView, error } = useHandling(detail);
  const done: ActDone = async (next) => {
    setView(next);
    await reloadAfterAct(detail.id, onChanged);
  };
  return { view, setView, error, done };
}

/**
 * After an act: the appeal page reads the appeal again (its status, addressee, deadline and history), so every panel
 * follows. An act that handed the appeal to someone else leaves this user without it: back to the inbox.
 */
export async function reloadAfterAct(id: string, onChanged: (detail: AppealDetail) => void): Promise<void> {
  try {
    onChanged(await api.appeal(id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) navigate('/office');
    else throw error;
  }
}

/**
 * The reason and the confirm step of an act's form: the first valid submit asks "are you sure?", the second sends;
 * any edit (call setConfirming(false)) asks again. The reason is required unless the submit says otherwise.
 */
export function useDecision(onSubmit: (reason: string) => Promise<void>, valid: () => boolean) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const submit = (event: FormEvent, reasonRequired = true) => {
    event.preventDefault();
    setTried(true);
    if ((reasonRequired && reason.trim() === '') || !valid()) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    void action.run(() => onSubmit(reason.trim())).finally(() => setConfirming(false));
  };
  return { reason, setReason, tried, confirming, setConfirming, submit, ...action };
}

export type Decision = ReturnType<typeof useDecision>;

/**
 * The end of an act's form: the required reason (an edit asks for confirmation again), the error of the last try
 * and the confirm step.
 */
export function ReasonAndConfirm({
  decision: d,
  reasonId,
  reasonLabel,
  reasonHint,
  submitLabel,
  question,
  testId,
}: {
  decision: Decision;
  reasonId: string;
  reasonLabel: string;
  reasonHint?: string;
  submitLabel: string;
  question: ReactNode;
  testId: string;
}) {
  return (
    <>
      <ReasonField
        id={reasonId}
        label={reasonLabel}
        hint={reasonHint}
        value={d.reason}
        onChange={(v) => {
          d.setReason(v);
          d.setConfirming(false);
        }}
        invalid={d.tried && d.reason.trim() === ''}
      />
      <ErrorMessage error={d.error} />
      <ConfirmStep
        label={submitLabel}
        question={question}
        confirming={d.confirming}
        busy={d.busy}
        onCancel={() => d.setConfirming(false)}
        testId={testId}
      />
    </>
  );
}

export function ReasonField({
  id,
  label,
  value,
  onChange,
  invalid,
  hint,
  required = true,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  hint?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="muted small" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={3}
        maxLength={HANDLING_REASON_MAX_LENGTH}
        value={value}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {invalid ? (
        <p className="error" id={errorId}>
          {t('office.handling.reasonRequired')}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The submit button of an act, then "are you sure?" with what will happen, Confirm and Cancel. Focus moves to
 * Confirm when it appears and back to the first button on Cancel.
 */
export function ConfirmStep({
  label,
  question,
  confirming,
  busy,
  onCancel,
  testId,
}: {
  label: string;
  question: ReactNode;
  confirming: boolean;
  busy: boolean;
  onCancel: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  if (!confirming)
    return (
      <button ref={startRef} type="submit" className="primary" data-testid={testId}>
        {label}
      </button>
    );
  return (
    <div className="handling-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <div className="handling-buttons">
        <button
          ref={confirmRef}
          type="submit"
          className="primary"
          disabled={busy}
          data-testid={`${testId}-confirm`}
        >
          {busy ? t('office.handling.working') : t('office.handling.confirm')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('office.handling.cancel')}
        </button>
      </div>
    </div>
  );
}
