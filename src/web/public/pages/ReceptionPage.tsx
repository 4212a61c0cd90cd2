// The virtual reception (/reception): the booth's journey from a phone or laptop — language, consent, phone with a
// required SMS code, topic, addressee, then record, upload a video file, or type — ending with the receipt as a page
// and a PDF. A recording in progress survives a reload (IndexedDB); the page then offers to send it or start over.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPEAL_TYPES, type AppealType } from '../../../common/statuses.js';
import { DEFAULT_PUBLIC_SETTINGS, NOTE_MAX_LENGTH, TEXT_APPEAL_MIN_LENGTH } from '../../../common/limits.js';
import { normaliseKzMobile } from '../../../common/phone.js';
import {
  UPLOAD_ENDPOINT,
  api,
  type CategoryItem,
  type OfficialCard,
  type PublicSettings,
  type Receipt,
  type Reservation,
} from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField, FormHint } from '../../ui/fields.js';
import { changeLanguage, currentLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { departmentsOf, filterOfficials } from '../../ui/officialSearch.js';
import { MemoryChunkStore, IndexedDbChunkStore } from '../../ui/recorder/chunkStore.js';
import {
  DeliveryService,
  IndexedDbDeliveryStore,
  webLocks,
  type DeliveryFields,
  type DeliveryRecord,
} from '../../ui/recorder/delivery.js';
import type { RecordingSession } from '../../ui/recorder/session.js';
import { StreamingUploader } from '../../ui/recorder/uploader.js';
import { useAction } from '../../ui/useAction.js';
import { CameraCheck, RecordStep, ReviewStep } from '../reception/Recorder.js';
import { ReceiptView } from '../reception/ReceiptView.js';

type Step =
  | 'start'
  | 'consent'
  | 'phone'
  | 'code'
  | 'topic'
  | 'addressee'
  | 'how'
  | 'camera'
  | 'record'
  | 'review'
  | 'upload'
  | 'type'
  | 'sending'
  | 'receipt'
  | 'interrupted';

const CONSENT_POINTS = ['what', 'why', 'who', 'keep', 'law'] as const;
const FILE_TYPES = 'video/webm,video/mp4,video/quicktime,video/x-matroska,video/3gpp';
const FILE_CHUNK = 1024 * 1024;

interface Draft {
  phone: string;
  phoneToken: string | null;
  type: AppealType | null;
  categoryId: string | null;
  officialId: string | null;
  note: string;
}

const EMPTY: Draft = {
  phone: '',
  phoneToken: null,
  type: null,
  categoryId: null,
  officialId: null,
  note: '',
};

function createDeliveries(): DeliveryService {
  return new DeliveryService({
    store: new IndexedDbDeliveryStore(),
    chunks: new IndexedDbChunkStore(),
    endpoint: UPLOAD_ENDPOINT,
    submit: api.submitAppeal,
    isOnline: () => navigator.onLine,
    locks: webLocks(),
    onError: (uploadId, error) => console.warn(`delivery ${uploadId}:`, error),
  });
}

export function ReceptionPage() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [step, setStep] = useState<Step>('start');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [settings, setSettings] = useState<PublicSettings>(DEFAULT_PUBLIC_SETTINGS);
  const [officials, setOfficials] = useState<OfficialCard[] | null>(null);
  const [categories, setCategories] = useState<CategoryItem[]>([]);
  const [verification, setVerification] = useState<{ id: string; codeLength: number } | null>(null);
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [session, setSession] = useState<RecordingSession | null>(null);
  const [reRecords, setReRecords] = useState(0);
  const [receipt, setReceipt] = useState<{ receipt: Receipt; accessCode: string } | null>(null);
  const [interrupted, setInterrupted] = useState<DeliveryRecord | null>(null);
  const [query, setQuery] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProgress, setFileProgress] = useState<number | null>(null);
  const deliveries = useMemo(() => createDeliveries(), []);
  const reservation = useRef<Promise<Reservation> | null>(null);
  const heading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.settings().then(setSettings, () => undefined);
    api.officials().then(setOfficials, () => setOfficials([]));
    api.categories().then(setCategories, () => undefined);
    // A recording a reload (or a closed tab) left unsent: offer to send it or start over.
    void deliveries.start().then((record) => {
      if (record) {
        setInterrupted(record);
        setStep('interrupted');
      }
    });
    return () => deliveries.close();
  }, [deliveries]);

  // Each step starts at its heading, for screen readers and on a small screen.
  useEffect(() => {
    heading.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);

  const stopCamera = useCallback(() => {
    setStream((current) => {
      current?.getTracks().forEach((track) => track.stop());
      return null;
    });
  }, []);
  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);

  const go = (next: Step) => {
    setError(null);
    setHint(null);
    setStep(next);
  };

  const phone = normaliseKzMobile(draft.phone);
  const fields = (): DeliveryFields => {
    const note = draft.note.trim();
    return {
      phone: phone ?? draft.phone,
      ...(draft.phoneToken ? { phoneToken: draft.phoneToken } : {}),
      officialId: draft.officialId,
      categoryId: draft.categoryId,
      type: draft.type ?? 'request',
      language: lng,
      source: 'web',
      ...(note ? { note } : {}),
    };
  };

  const reserve = () => {
    if (!reservation.current) {
      const asked = api.reserve({
        language: currentLanguage(),
        ...(phone && draft.phoneToken ? { phone, phoneToken: draft.phoneToken } : {}),
      });
      reservation.current = asked;
      asked.catch(() => {
        if (reservation.current === asked) reservation.current = null;
      });
    }
    return reservation.current;
  };

  const official = officials?.find((o) => o.id === draft.officialId) ?? null;
  const category = categories.find((c) => c.id === draft.categoryId) ?? null;
  const receiptFrom = (r: Reservation): Receipt => ({
    registrationNumber: r.registrationNumber,
    accessCode: r.accessCode,
    videoComplete: false,
    audioOnly: false,
    registeredAt: new Date().toISOString(),
    deadlineOn: r.deadlineOn,
    addressee: official ? { fullName: official.fullName, position: official.position } : null,
    status: 'registered',
    language: lng,
    type: draft.type ?? 'request',
    category: category ? category.name : null,
    kiosk: null,
    deadlineWorkingDays: r.deadlineWorkingDays,
  });

  const done = (r: Receipt, accessCode: string) => {
    setReceipt({ receipt: r, accessCode });
    setSession(null);
    reservation.current = null;
    go('receipt');
  };

  const startOver = () => {
    if (session?.uploadId) void deliveries.discard(session.uploadId);
    void session?.discard();
    setSession(null);
    stopCamera();
    reservation.current = null;
    setDraft(EMPTY);
    setVerification(null);
    setReceipt(null);
    setInterrupted(null);
    setFile(null);
    setFileProgress(null);
    setReRecords(0);
    go('start');
  };

  const sendCode = (event?: FormEvent) => {
    event?.preventDefault();
    if (!phone) return setHint(t('public.reception.phone.invalid'));
    void run(async () => {
      const started = await api.startPhoneVerification({ phone, language: lng });
      setVerification({ id: started.id, codeLength: started.codeLength });
      setCode('');
      go('code');
    });
  };

  const confirmCode = (event: FormEvent) => {
    event.preventDefault();
    if (!verification) return;
    if (!/^[0-9]{4,8}$/.test(code.trim())) return setHint(t('public.sms.badCode'));
    void run(async () => {
      const { token } = await api.confirmPhoneVerification(verification.id, code.trim());
      setDraft((d) => ({ ...d, phoneToken: token }));
      go('topic');
    });
  };

  const sendFile = () => {
    if (!file) return setHint(t('public.reception.upload.none'));
    void run(async () => {
      setFileProgress(0);
      const uploader = new StreamingUploader({
        endpoint: UPLOAD_ENDPOINT,
        fetch: (url, init) => fetch(url, init),
        store: new MemoryChunkStore(),
        mimeType: file.type || 'video/mp4',
        onProgress: (p) => setFileProgress(file.size ? p.acknowledged / file.size : 1),
      });
      await uploader.create();
      for (let at = 0; at < file.size; at += FILE_CHUNK) {
        await uploader.append(new Uint8Array(await file.slice(at, at + FILE_CHUNK).arrayBuffer()));
      }
      await uploader.finish();
      const made = await api.submitAppeal({ ...fields(), uploadId: uploader.uploadId ?? '' });
      done(made, made.accessCode ?? '');
    });
  };

  const sendText = (event: FormEvent) => {
    event.preventDefault();
    if (draft.note.trim().length < TEXT_APPEAL_MIN_LENGTH)
      return setHint(t('public.reception.type.tooShort', { count: TEXT_APPEAL_MIN_LENGTH }));
    void run(async () => {
      const made = await api.submitAppeal(fields());
      done(made, made.accessCode ?? '');
    });
  };

  const found = useMemo(
    () => filterOfficials(officials ?? [], query, departmentId),
    [officials, query, departmentId],
  );
  const departments = useMemo(() => departmentsOf(officials ?? []), [officials]);

  const back = (to: Step) => (
    <button type="button" onClick={() => go(to)}>
      {t('common.back')}
    </button>
  );

  const body = (() => {
    switch (step) {
      case 'start':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.title')}</h1>
            <p>{t('public.reception.intro')}</p>
            <p id="reception-language">{t('public.reception.chooseLanguage')}</p>
            <div className="choice-list" role="group" aria-labelledby="reception-language">
              {LANGUAGES.map((l: Language) => (
                <button
                  key={l}
                  type="button"
                  lang={l}
                  className={l === lng ? 'primary' : undefined}
                  onClick={() => {
                    changeLanguage(l, true);
                    go('consent');
                  }}
                  data-testid={`reception-language-${l}`}
                >
                  {LANGUAGE_NAMES[l]}
                </button>
              ))}
            </div>
          </>
        );
      case 'consent':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.consent.title')}</h1>
            <ul className="consent-points card">
              {CONSENT_POINTS.map((point) => (
                <li key={point}>
                  <strong>{t(`kiosk.consent.${point}Title`)}</strong>{' '}
                  {t(`kiosk.consent.${point}`, { count: settings.videoRetentionYears })}
                </li>
              ))}
              <li>
                <strong>{t('kiosk.consent.refuseTitle')}</strong> {t('public.reception.consent.refuse')}
              </li>
            </ul>
            <div className="actions">
              {back('start')}
              <button
                type="button"
                className="primary"
                onClick={() => go('phone')}
                data-testid="reception-agree"
              >
                {t('kiosk.consent.agree')}
              </button>
            </div>
          </>
        );
      case 'phone':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.phone.title')}</h1>
            <form className="card stack-form" onSubmit={sendCode} noValidate>
              <div className="field">
                <label htmlFor="reception-phone">{t('public.reception.phone.label')}</label>
                <input
                  id="reception-phone"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  placeholder="+7 701 234 56 78"
                  value={draft.phone}
                  onChange={(e) => setDraft((d) => ({ ...d, phone: e.target.value, phoneToken: null }))}
                  aria-describedby="reception-phone-hint"
                />
                <small id="reception-phone-hint">{t('public.reception.phone.hint')}</small>
              </div>
              <div className="actions">
                {back('consent')}
                <button type="submit" className="primary" disabled={busy}>
                  {t('public.reception.phone.send')}
                </button>
              </div>
            </form>
          </>
        );
      case 'code':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.code.title')}</h1>
            <p role="status">{t('public.reception.code.sent', { phone: phone ?? draft.phone })}</p>
            <form className="card stack-form" onSubmit={confirmCode} noValidate>
              <div className="field">
                <TextField
                  id="reception-code"
                  label={t('public.sms.codeLabel')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={verification?.codeLength ?? 8}
                  value={code}
                  onChange={setCode}
                />
              </div>
              <div className="actions">
                {back('phone')}
                <button type="button" onClick={() => sendCode()} disabled={busy}>
                  {t('public.sms.resend')}
                </button>
                <button type="submit" className="primary" disabled={busy}>
                  {t('public.reception.code.confirm')}
                </button>
              </div>
            </form>
          </>
        );
      case 'topic':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.topic.title')}</h1>
            <fieldset className="card">
              <legend>{t('common.type')}</legend>
              {APPEAL_TYPES.map((type) => (
                <label key={type} className="radio">
                  <input
                    type="radio"
                    name="appeal-type"
                    value={type}
                    checked={draft.type === type}
                    onChange={() => setDraft((d) => ({ ...d, type }))}
                  />
                  <span>
                    <strong>{t(`common.types.${type}`)}</strong>
                    <small>{t(`common.typeHints.${type}`)}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            {categories.length > 0 ? (
              <div className="field card">
                <label htmlFor="reception-category">{t('public.reception.topic.category')}</label>
                <select
                  id="reception-category"
                  value={draft.categoryId ?? ''}
                  onChange={(e) => setDraft((d) => ({ ...d, categoryId: e.target.value || null }))}
                >
                  <option value="">{t('public.reception.topic.noCategory')}</option>
                  {categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {pick(c.name, lng)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="actions">
              {back('phone')}
              <button
                type="button"
                className="primary"
                onClick={() => (draft.type ? go('addressee') : setHint(t('public.reception.topic.pickType')))}
              >
                {t('public.reception.next')}
              </button>
            </div>
          </>
        );
      case 'addressee':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.addressee.title')}</h1>
            <div className="card stack-form">
              <div className="field">
                <TextField
                  id="reception-search"
                  label={t('public.reception.addressee.search')}
                  type="search"
                  value={query}
                  onChange={setQuery}
                />
              </div>
              <div className="field">
                <label htmlFor="reception-department">{t('public.reception.addressee.department')}</label>
                <select
                  id="reception-department"
                  value={departmentId ?? ''}
                  onChange={(e) => setDepartmentId(e.target.value || null)}
                >
                  <option value="">{t('public.reception.addressee.allDepartments')}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {pick(d.name, lng)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <ul className="official-list">
              <li>
                <button
                  type="button"
                  className="official-card"
                  onClick={() => {
                    setDraft((d) => ({ ...d, officialId: null }));
                    go('how');
                  }}
                >
                  <span className="official-photo placeholder" aria-hidden="true">
                    ?
                  </span>
                  <span>
                    <strong>{t('public.reception.addressee.unknown')}</strong>
                    <small>{t('public.reception.addressee.unknownHint')}</small>
                  </span>
                </button>
              </li>
              {found.map((o) => (
                <li key={o.id}>
                  <button
                    type="button"
                    className="official-card"
                    onClick={() => {
                      setDraft((d) => ({ ...d, officialId: o.id }));
                      go('how');
                    }}
                    data-testid="reception-official"
                  >
                    {o.photoUrl ? (
                      <img className="official-photo" src={o.photoUrl} alt="" loading="lazy" />
                    ) : (
                      <span className="official-photo placeholder" aria-hidden="true" />
                    )}
                    <span>
                      <strong>{pick(o.fullName, lng)}</strong>
                      <small>{pick(o.position, lng)}</small>
                      <small>{pick(o.department.name, lng)}</small>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {officials && found.length === 0 ? (
              <p role="status">{t('public.reception.addressee.none')}</p>
            ) : null}
            <div className="actions">{back('topic')}</div>
          </>
        );
      case 'how':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.how.title')}</h1>
            <p>
              {t('public.reception.how.to', {
                name: official ? pick(official.fullName, lng) : t('common.addresseeByOffice'),
              })}
            </p>
            <div className="choice-list">
              <button
                type="button"
                className="choice"
                onClick={() => go('camera')}
                data-testid="reception-how-record"
              >
                <strong>{t('public.reception.how.record')}</strong>
                <small>
                  {t('public.reception.how.recordHint', {
                    count: Math.round(settings.recordingBaseSeconds / 60),
                  })}
                </small>
              </button>
              <button
                type="button"
                className="choice"
                onClick={() => go('upload')}
                data-testid="reception-how-upload"
              >
                <strong>{t('public.reception.how.upload')}</strong>
                <small>{t('public.reception.how.uploadHint')}</small>
              </button>
              <button
                type="button"
                className="choice"
                onClick={() => go('type')}
                data-testid="reception-how-type"
              >
                <strong>{t('public.reception.how.type')}</strong>
                <small>{t('public.reception.how.typeHint')}</small>
              </button>
            </div>
            <div className="actions">{back('addressee')}</div>
          </>
        );
      case 'camera':
        return (
          <CameraCheck
            stream={stream}
            onStream={setStream}
            onStart={() => go('record')}
            onBack={() => {
              stopCamera();
              go('how');
            }}
          />
        );
      case 'record':
        return stream ? (
          <RecordStep
            stream={stream}
            baseSeconds={settings.recordingBaseSeconds}
            extensionSeconds={settings.recordingExtensionSeconds}
            maxSeconds={settings.recordingMaxSeconds}
            reserve={reserve}
            onBegin={(started, reserved) =>
              deliveries.begin({
                uploadId: started.uploadId ?? '',
                reservation: reserved,
                fields: fields(),
                receipt: receiptFrom(reserved),
                mimeType: started.mimeType,
              })
            }
            onRecorded={(recording, bytes) => {
              if (recording.uploadId) void deliveries.recorded(recording.uploadId, bytes);
            }}
            onDiscard={(dropped) => {
              if (dropped.uploadId) void deliveries.discard(dropped.uploadId);
            }}
            onStopped={(stopped) => {
              if (stopped.uploadId) void deliveries.stopped(stopped.uploadId);
              setSession(stopped);
              stopCamera();
              go('review');
            }}
          />
        ) : null;
      case 'review':
        return session ? (
          <ReviewStep
            session={session}
            reRecordsLeft={settings.reRecordLimit - reRecords}
            onReRecord={() => {
              void session.discard();
              if (session.uploadId) void deliveries.discard(session.uploadId);
              setSession(null);
              setReRecords((n) => n + 1);
              go('camera');
            }}
            onSend={() => {
              go('sending');
              const uploadId = session.uploadId;
              if (!uploadId) return;
              void run(async () => {
                const outcome = await deliveries.send(uploadId, session.upload, fields());
                done(outcome.receipt, outcome.receipt.accessCode ?? '');
              });
            }}
          />
        ) : null;
      case 'sending':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.sending.title')}</h1>
            {error ? (
              <div className="actions">
                <button type="button" onClick={startOver}>
                  {t('public.reception.startOver')}
                </button>
              </div>
            ) : (
              <p role="status">{t('public.reception.sending.wait')}</p>
            )}
          </>
        );
      case 'upload':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.upload.title')}</h1>
            <p>
              {t('public.reception.upload.intro', { count: Math.round(settings.recordingMaxSeconds / 60) })}
            </p>
            <div className="card stack-form">
              <div className="field">
                <label htmlFor="reception-file">{t('public.reception.upload.label')}</label>
                <input
                  id="reception-file"
                  type="file"
                  accept={FILE_TYPES}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  disabled={busy}
                />
              </div>
              {fileProgress !== null ? (
                <label className="field">
                  <span>
                    {t('public.reception.upload.progress', { percent: Math.floor(fileProgress * 100) })}
                  </span>
                  <progress max={1} value={fileProgress} />
                </label>
              ) : null}
            </div>
            <div className="actions">
              {back('how')}
              <button
                type="button"
                className="primary"
                onClick={sendFile}
                disabled={busy}
                data-testid="reception-upload-send"
              >
                {t('public.reception.upload.send')}
              </button>
            </div>
          </>
        );
      case 'type':
        return (
          <>
            <h1 tabIndex={-1}>{t('public.reception.type.title')}</h1>
            <form className="card stack-form" onSubmit={sendText} noValidate>
              <div className="field">
                <label htmlFor="reception-text">{t('public.reception.type.label')}</label>
                <textarea
                  id="reception-text"
                  rows={8}
                  maxLength={NOTE_MAX_LENGTH}
                  value={draft.note}
                  onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
                  aria-describedby="reception-text-hint"
                />
                <small id="reception-text-hint">
                  {t('public.reception.type.hint', {
                    min: TEXT_APPEAL_MIN_LENGTH,
                    count: draft.note.length,
                    max: NOTE_MAX_LENGTH,
                  })}
                </small>
              </div>
              <div className="actions">
                {back('how')}
                <button type="submit" className="primary" disabled={busy} data-testid="reception-type-send">
                  {t('public.reception.type.send')}
                </button>
              </div>
            </form>
          </>
        );
      case 'receipt':
        return receipt ? (
          <ReceiptView
            receipt={receipt.receipt}
            accessCode={receipt.accessCode}
            publicUrl={settings.publicUrl}
            timeZone={settings.timeZone}
            onAnother={startOver}
          />
        ) : null;
      case 'interrupted':
        return interrupted ? (
          <>
            <h1 tabIndex={-1}>{t('public.reception.interrupted.title')}</h1>
            <p>
              {t('public.reception.interrupted.intro', {
                number: interrupted.reservation.registrationNumber,
                seconds: Math.round(interrupted.recordedSeconds),
              })}
            </p>
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  void deliveries.discard(interrupted.uploadId);
                  startOver();
                }}
                data-testid="reception-interrupted-discard"
              >
                {t('public.reception.startOver')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-testid="reception-interrupted-send"
                onClick={() =>
                  void run(async () => {
                    const outcome = await deliveries.recover(interrupted);
                    if (outcome.kind === 'empty') return startOver();
                    done(outcome.receipt, outcome.receipt.accessCode ?? interrupted.reservation.accessCode);
                  })
                }
              >
                {t('public.reception.interrupted.send')}
              </button>
            </div>
          </>
        ) : null;
    }
  })();

  return (
    <div className="reception" ref={heading}>
      {body}
      <FormHint hint={hint} />
      <ErrorMessage error={error} />
    </div>
  );
}
