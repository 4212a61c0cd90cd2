// Admins: the working-day calendar of a year — weekdays off (holidays, their carried-over days, a decree's moved
// days) and weekend days made working days — with the statutory ones marked; add a day with a note, remove one.
// Deadlines already on appeals never move; the next ones count the change.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type CalendarDay,
  type CalendarDayBody,
  type CalendarDayKind,
  type CalendarYear,
} from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDay } from '../../ui/format.js';
import { useAction } from '../../ui/useAction.js';
import './deadlines.css';

const KINDS: CalendarDayKind[] = ['day_off', 'working'];

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function CalendarScreen({ initialYear = new Date().getFullYear() }: { initialYear?: number }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [year, setYear] = useState(initialYear);
  const [data, setData] = useState<CalendarYear | null>(null);
  // What was done last, said in the current language (the day is formatted when shown).
  const [status, setStatus] = useState<{ key: 'added' | 'removed'; day: string } | null>(null);
  const load = useAction();
  const change = useAction();
  const { run: runLoad } = load;

  const reload = useCallback(
    (wanted: number) =>
      runLoad(async () => {
        setData(await api.calendar(wanted));
      }),
    [runLoad],
  );

  useEffect(() => {
    void reload(year);
  }, [year, reload]);

  const showYear = (wanted: number) => {
    setData(null);
    setYear(wanted);
  };

  const [day, setDay] = useState('');
  const [kind, setKind] = useState<CalendarDayKind>('day_off');
  const [note, setNote] = useState('');

  const add = (event: FormEvent) => {
    event.preventDefault();
    const body: CalendarDayBody = { day, kind, note };
    return change.run(async () => {
      const added = await api.addCalendarDay(body);
      setStatus({ key: 'added', day: added.day });
      setDay('');
      setNote('');
      const addedYear = Number(added.day.slice(0, 4));
      if (addedYear === year) await reload(year);
      else showYear(addedYear);
    });
  };

  const remove = (entry: CalendarDay) => {
    const shown = formatDay(entry.day, lng);
    if (!window.confirm(t('office.calendar.confirmRemove', { day: shown }))) return;
    void change.run(async () => {
      await api.removeCalendarDay(entry.day);
      setStatus({ key: 'removed', day: entry.day });
      await reload(year);
    });
  };

  return (
    <main className="page calendar-page">
      <h1>{t('office.calendar.title')}</h1>
      <p className="muted">{t('office.calendar.intro')}</p>

      <form
        className="card account-form calendar-add"
        onSubmit={(e) => void add(e)}
        aria-labelledby="add-day"
      >
        <h2 id="add-day">{t('office.calendar.addTitle')}</h2>
        <p className="hint">{t('office.calendar.kindHint')}</p>
        <div className="calendar-add-fields">
          <label>
            {t('office.calendar.day')}
            <input type="date" required value={day} onChange={(e) => setDay(e.target.value)} />
          </label>
          <label>
            {t('office.calendar.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as CalendarDayKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`office.calendar.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="calendar-note">
            {t('office.calendar.addNote')}
            <input type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </div>
        <button type="submit" disabled={change.busy}>
          {t('office.calendar.add')}
        </button>
      </form>
      <ErrorMessage error={change.error} />
      {status ? (
        <p className="notice" role="status">
          {t(`office.calendar.${status.key}`, { day: formatDay(status.day, lng) })}
        </p>
      ) : null}

      <nav className="calendar-years" aria-label={t('office.calendar.year')}>
        <button type="button" onClick={() => showYear(year - 1)} disabled={year <= 2000}>
          ← {t('office.calendar.prev')}
        </button>
        <h2 aria-live="polite">{year}</h2>
        <button type="button" onClick={() => showYear(year + 1)} disabled={year >= 2100}>
          {t('office.calendar.next')} →
        </button>
      </nav>
      <ErrorMessage error={load.error} />
      {!data && !load.error ? <p>{t('common.loading')}</p> : null}
      {data && data.days.length === 0 ? <p>{t('office.calendar.empty')}</p> : null}
      {data && data.days.length > 0 ? (
        <div className="table-wrap">
          <table className="inbox calendar">
            <caption className="visually-hidden">{t('office.calendar.caption', { year: data.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('office.calendar.day')}</th>
                <th scope="col">{t('office.calendar.weekday')}</th>
                <th scope="col">{t('office.calendar.kind')}</th>
                <th scope="col">{t('office.calendar.source')}</th>
                <th scope="col">{t('office.calendar.note')}</th>
                <th scope="col">{t('office.calendar.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((entry) => (
                <tr key={entry.day} data-day={entry.day} className={`kind-${entry.kind}`}>
                  <td className="nowrap">
                    <time dateTime={entry.day}>{formatDay(entry.day, lng)}</time>
                  </td>
                  <td>{t(`office.calendar.weekdays.${weekdayOf(entry.day)}`)}</td>
                  <td>{t(`office.calendar.kinds.${entry.kind}`)}</td>
                  <td>
                    {entry.statutory ? (
                      <span className="badge statutory">{t('office.calendar.statutory')}</span>
                    ) : (
                      t('office.calendar.admin')
                    )}
                  </td>
                  <td>
                    {entry.statutory && entry.note === 'statutory'
                      ? t('office.calendar.statutoryNote')
                      : entry.note}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => remove(entry)}
                      disabled={change.busy}
                      aria-label={t('office.calendar.removeLabel', { day: formatDay(entry.day, lng) })}
                    >
                      {t('office.calendar.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}
