// Routing on the appeal's page: the 3-working-day redirect window, where the appeal has been routed or redirected
// (and whether a redirect was late), and for operators and the official who holds it the form to route it to an
// official or department, or to redirect it inside the directory or to an outside body.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { useAction } from '../../ui/useAction.js';
import {
  OUTSIDE_BODY_MAX_LENGTH,
  type HandlingView,
  type RoutingEntry,
  type RoutingTargets,
} from '../../../common/handling.js';
import {
  ReasonAndConfirm,
  useDecision,
  useHandlingPanel,
  type ActDone,
  type HandlingPanelProps,
} from './handling.js';

type Act = 'route' | 'redirect';
type Where = 'official' | 'department' | 'outside';

export function RoutePanel({ detail, onChanged }: HandlingPanelProps) {
  const { t } = useTranslation();
  const { view, error, done } = useHandlingPanel(detail, onChanged);
  if (!view) return error ? <ErrorMessage error={error} /> : null;
  const canAct = view.can.route || view.can.redirect;
  return (
    <section className="card handling" aria-labelledby="routing-heading" data-testid="route-panel">
      <h2 id="routing-heading">{t('office.handling.routing.title')}</h2>
      <RedirectWindow view={view} />
      <RoutingLog entries={view.routings} />
      {canAct ? <RouteForm key={`${view.status}-${view.routings.length}`} view={view} onDone={done} /> : null}
    </section>
  );
}

function RedirectWindow({ view }: { view: HandlingView }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { dueOn, state } = view.redirectWindow;
  return (
    <p className="redirect-window" data-testid="redirect-window">
      {t('office.handling.routing.window', { date: formatDay(dueOn, lng) })}{' '}
      <span className={`badge window-${state}`}>{t(`office.handling.routing.windowStates.${state}`)}</span>
    </p>
  );
}

function targetText(entry: RoutingEntry, lng: ReturnType<typeof currentLanguage>): string {
  const to = entry.to;
  if (to.outsideBody) return to.outsideBody;
  if (to.official) return `${pick(to.official.fullName, lng)}, ${pick(to.official.position, lng)}`;
  return to.department ? pick(to.department, lng) : '—';
}

function RoutingLog({ entries }: { entries: RoutingEntry[] }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (entries.length === 0) return <p className="muted">{t('office.handling.routing.none')}</p>;
  return (
    <ol className="handling-log" data-testid="routing-log">
      {entries.map((e) => (
        <li key={e.id}>
          <p>
            <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time> —{' '}
            <strong>{t(`office.handling.routing.kinds.${e.kind}`)}</strong>
            {': '}
            {targetText(e, lng)}
            {e.late ? (
              <>
                {' '}
                <span className="badge window-late">
                  {t('office.handling.routing.late', { date: formatDay(e.dueOn, lng) })}
                </span>
              </>
            ) : null}
          </p>
          <p className="reason">{t('common.reason', { reason: e.reason })}</p>
          {e.actor ? <p className="muted small">{t('office.handling.by', { name: e.actor })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function RouteForm({ view, onDone }: { view: HandlingView; onDone: ActDone }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [targets, setTargets] = useState<RoutingTargets | null>(null);
  const [act, setAct] = useState<Act>(view.can.route ? 'route' : 'redirect');
  const [where, setWhere] = useState<Where>('official');
  const [officialId, setOfficialId] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [outsideBody, setOutsideBody] = useState('');
  const load = useAction();

  useEffect(() => {
    void load.run(async () => setTargets(await api.routingTargets()));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the directory is read once per form
  }, []);

  const effectiveWhere: Where = act === 'route' && where === 'outside' ? 'official' : where;
  const official = targets?.officials.find((o) => o.id === officialId);
  const department = targets?.departments.find((d) => d.id === departmentId);
  const targetName =
    effectiveWhere === 'official'
      ? official && `${pick(official.fullName, lng)}`
      : effectiveWhere === 'department'
        ? department && pick(department.name, lng)
        : outsideBody.trim();
  const targetMissing = !targetName;
  const d = useDecision(
    async (reason) => {
      const target =
        effectiveWhere === 'official'
          ? { officialId }
          : effectiveWhere === 'department'
            ? { departmentId }
            : { outsideBody: outsideBody.trim() };
      const body = { ...target, reason };
      const next =
        act === 'route'
          ? await api.routeAppeal(view.appealId, body)
          : await api.redirectAppeal(view.appealId, body);
      await onDone(next);
    },
    () => !targetMissing,
  );
  const { tried, setConfirming } = d;

  const byDepartment = targets
    ? targets.departments.map((d) => ({
        department: d,
        officials: targets.officials.filter((o) => o.departmentId === d.id),
      }))
    : [];
  const question =
    act === 'route'
      ? t('office.handling.routing.confirmRoute', { to: targetName })
      : effectiveWhere === 'outside'
        ? t('office.handling.routing.confirmRedirectOutside', { to: targetName })
        : t('office.handling.routing.confirmRedirect', { to: targetName });

  return (
    <form className="handling-form" onSubmit={(e) => d.submit(e)} noValidate data-testid="route-form">
      <h3>{t('office.handling.routing.formTitle')}</h3>
      <fieldset className="handling-choice">
        <legend>{t('office.handling.routing.act')}</legend>
        {view.can.route ? (
          <label>
            <input
              type="radio"
              name="route-act"
              checked={act === 'route'}
              onChange={() => {
                setAct('route');
                setConfirming(false);
              }}
            />{' '}
            {t('office.handling.routing.acts.route')}
          </label>
        ) : null}
        {view.can.redirect ? (
          <label>
            <input
              type="radio"
              name="route-act"
              checked={act === 'redirect'}
              onChange={() => {
                setAct('redirect');
                setConfirming(false);
              }}
            />{' '}
            {t('office.handling.routing.acts.redirect')}
          </label>
        ) : null}
      </fieldset>
      <p className="muted small">{t(`office.handling.routing.actHints.${act}`)}</p>
      <fieldset className="handling-choice">
        <legend>{t('office.handling.routing.where')}</legend>
        {(['official', 'department', ...(act === 'redirect' ? (['outside'] as const) : [])] as Where[]).map(
          (w) => (
            <label key={w}>
              <input
                type="radio"
                name="route-where"
                checked={effectiveWhere === w}
                onChange={() => {
                  setWhere(w);
                  setConfirming(false);
                }}
              />{' '}
              {t(`office.handling.routing.places.${w}`)}
            </label>
          ),
        )}
      </fieldset>
      <ErrorMessage error={load.error} />
      {effectiveWhere === 'official' ? (
        <div className="field">
          <label htmlFor="route-official">{t('office.handling.routing.official')}</label>
          <select
            id="route-official"
            value={officialId}
            aria-invalid={(tried && targetMissing) || undefined}
            onChange={(e) => {
              setOfficialId(e.target.value);
              setConfirming(false);
            }}
          >
            <option value="">{t('office.handling.routing.choose')}</option>
            {byDepartment.map(({ department: d, officials }) =>
              officials.length > 0 ? (
                <optgroup key={d.id} label={pick(d.name, lng)}>
                  {officials.map((o) => (
                    <option key={o.id} value={o.id}>
                      {pick(o.fullName, lng)} — {pick(o.position, lng)}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </div>
      ) : null}
      {effectiveWhere === 'department' ? (
        <div className="field">
          <label htmlFor="route-department">{t('office.handling.routing.department')}</label>
          <select
            id="route-department"
            value={departmentId}
            aria-invalid={(tried && targetMissing) || undefined}
            onChange={(e) => {
              setDepartmentId(e.target.value);
              setConfirming(false);
            }}
          >
            <option value="">{t('office.handling.routing.choose')}</option>
            {targets?.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {pick(d.name, lng)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {effectiveWhere === 'outside' ? (
        <div className="field">
          <label htmlFor="route-outside">{t('office.handling.routing.outsideBody')}</label>
          <input
            id="route-outside"
            type="text"
            maxLength={OUTSIDE_BODY_MAX_LENGTH}
            value={outsideBody}
            aria-invalid={(tried && targetMissing) || undefined}
            onChange={(e) => {
              setOutsideBody(e.target.value);
              setConfirming(false);
            }}
          />
        </div>
      ) : null}
      {tried && targetMissing ? (
        <p className="error" role="alert">
          {t('office.handling.routing.targetRequired')}
        </p>
      ) : null}
      <ReasonAndConfirm
        decision={d}
        reasonId="route-reason"
        reasonLabel={t('office.handling.routing.reason')}
        reasonHint={act === 'redirect' ? t('office.handling.routing.reasonHint') : undefined}
        submitLabel={t(`office.handling.routing.submit.${act}`)}
        question={question}
        testId="route-submit"
      />
    </form>
  );
}
