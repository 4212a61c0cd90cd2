// Extension on the appeal's page, for the official who handles it: a reasoned decision sets a later deadline, a
// working day no later than the law's ceiling (EXTENSION_MAX_MONTHS after registration); the citizen is told by SMS.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDay } from '../../ui/format.js';
import { addDays } from '../../../common/workdays.js';
import type { HandlingView } from '../../../common/handling.js';
import {
  ReasonAndConfirm,
  useDecision,
  useHandlingPanel,
  type ActDone,
  type HandlingPanelProps,
} from './handling.js';

export function ExtendPanel({ detail, onChanged }: HandlingPanelProps) {
  const { t } = useTranslation();
  const { view, done } = useHandlingPanel(detail, onChanged);
  if (!view?.can.extend) return null;
  return (
    <section className="card handling" aria-labelledby="extend-heading" data-testid="extend-panel">
      <h2 id="extend-heading">{t('office.handling.extend.title')}</h2>
      <ExtendForm key={view.deadlineOn} view={view} onDone={done} />
    </section>
  );
}

function ExtendForm({ view, onDone }: { view: HandlingView; onDone: ActDone }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [deadlineOn, setDeadlineOn] = useState('');
  const earliest = addDays(view.deadlineOn, 1);
  const dateProblem =
    deadlineOn === ''
      ? 'office.handling.extend.dateRequired'
      : deadlineOn <= view.deadlineOn
        ? 'office.handling.extend.dateNotLater'
        : deadlineOn > view.maxDeadlineOn
          ? 'office.handling.extend.dateTooLate'
          : null;
  const d = useDecision(
    async (reason) => onDone(await api.extendDeadline(view.appealId, { deadlineOn, reason })),
    () => dateProblem === null,
  );
  const tried = d.tried;

  return (
    <form className="handling-form" onSubmit={(e) => d.submit(e)} noValidate data-testid="extend-form">
      <p>
        {t('office.handling.extend.current', { date: formatDay(view.deadlineOn, lng) })}{' '}
        {t('office.handling.extend.ceiling', { date: formatDay(view.maxDeadlineOn, lng) })}
      </p>
      <div className="field">
        <label htmlFor="extend-date">{t('office.handling.extend.newDeadline')}</label>
        <p className="muted small" id="extend-date-hint">
          {t('office.handling.extend.dateHint')}
        </p>
        <input
          id="extend-date"
          type="date"
          min={earliest}
          max={view.maxDeadlineOn}
          value={deadlineOn}
          required
          aria-describedby={`extend-date-hint${tried && dateProblem ? ' extend-date-error' : ''}`}
          aria-invalid={(tried && dateProblem !== null) || undefined}
          onChange={(e) => {
            setDeadlineOn(e.target.value);
            d.setConfirming(false);
          }}
        />
        {tried && dateProblem ? (
          <p className="error" id="extend-date-error">
            {t(dateProblem, { date: formatDay(view.maxDeadlineOn, lng) })}
          </p>
        ) : null}
      </div>
      <ReasonAndConfirm
        decision={d}
        reasonId="extend-reason"
        reasonLabel={t('office.handling.extend.reason')}
        reasonHint={t('office.handling.extend.reasonHint')}
        submitLabel={t('office.handling.extend.submit')}
        question={t('office.handling.extend.confirm', { date: deadlineOn ? formatDay(deadlineOn, lng) : '' })}
        testId="extend-submit"
      />
    </form>
  );
}
