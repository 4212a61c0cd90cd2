// The booth's journey: attract → language → consent → phone (→ SMS code) → IIN → topic → addressee → camera check
// → recording → review → sending → receipt. Every screen but the first has a way back; an idle person is forgotten.
// Deliveries live beside the journey, not in it: they outlast a reset, the next person and a reload of the page.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CategoryItem,
  FaqArticle,
  OfficialCard,
  PublicSettings,
  Receipt,
  Reservation,
} from '../ui/api.js';
import { api } from '../ui/api.js';
import { changeLanguage, currentLanguage, type Language } from '../ui/i18n.js';
import type { AppealType } from '../../common/statuses.js';
import { isSoundOnly, type RecordingSession } from '../ui/recorder/session.js';
import type { DeliveryRecord } from '../ui/recorder/delivery.js';
import { pendingUploadCount } from '../ui/recorder/chunkStore.js';
import { createDeliveryService, reservedReceipt, submissionFields } from './deliveries.js';
import { DEFAULT_PUBLIC_SETTINGS } from '../../common/limits.js';
import { KioskContext, type KioskAids } from './context.js';
import { boothStatus, startIdentity, type Identity } from './identity.js';
import { useIdle } from './useIdle.js';
import { useAction } from '../ui/useAction.js';
import { IdleWarning } from './IdleWarning.js';
import { VoiceGuide } from './voice.js';
import { AttractScreen } from './screens/AttractScreen.js';
import { PairingScreen } from './screens/PairingScreen.js';
import { LanguageScreen } from './screens/LanguageScreen.js';
import { ConsentScreen } from './screens/ConsentScreen.js';
import { PhoneScreen } from './screens/PhoneScreen.js';
import { CodeScreen } from './screens/CodeScreen.js';
import { IinScreen } from './screens/IinScreen.js';
import { TopicScreen } from './screens/TopicScreen.js';
import { ReferenceScreen } from './screens/ReferenceScreen.js';
import { AddresseeScreen } from './screens/AddresseeScreen.js';
import { CameraScreen } from './screens/CameraScreen.js';
import { RecordScreen } from './screens/RecordScreen.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { SendingScreen } from './screens/SendingScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';
import { RestartScreen } from './screens/RestartScreen.js';

type Step =
  | 'attract'
  | 'language'
  | 'consent'
  | 'phone'
  | 'code'
  | 'iin'
  | 'topic'
  | 'reference'
  | 'addressee'
  | 'camera'
  | 'record'
  | 'review'
  | 'sending'
  | 'receipt'
  | 'restarted';

export interface Draft {
  language: Language;
  /** The ten digits after +7. */
  phoneDigits: string;
  /** Proof that the phone received and returned the SMS code (when the code is required). */
  phoneToken: string | null;
  iin: string | null;
  type: AppealType | null;
  categoryId: string | null;
  officialId: string | null;
  note: string;
}

const EMPTY_DRAFT: Draft = {
  language: 'kk',
  phoneDigits: '',
  phoneToken: null,
  iin: null,
  type: null,
  categoryId: null,
  officialId: null,
  note: '',
};

interface Verification {
  id: string;
  codeLength: number;
  resendAt: number;
}

/** Steps where a person may have walked away; never while recording or sending. */
const WATCHED: ReadonlySet<Step> = new Set<Step>([
  'language',
  'consent',
  'phone',
  'code',
  'iin',
  'topic',
  'reference',
  'addressee',
  'camera',
  'review',
  'receipt',
  'restarted',
]);

export function App() {
  const [step, setStep] = useState<Step>('attract');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [settings, setSettings] = useState<PublicSettings>(DEFAULT_PUBLIC_SETTINGS);
  const organisation = useMemo(
    () => ({ name: settings.organisationName, logo: settings.organisationLogo }),
    [settings.organisationName, settings.organisationLogo],
  );
  const [officials, setOfficials] = useState<OfficialCard[] | null>(null);
  const [officialsError, setOfficialsError] = useState<unknown>(null);
  const [categories, setCategories] = useState<CategoryItem[]>([]);
  const [articles, setArticles] = useState<FaqArticle[]>([]);
  const [identity, setIdentity] = useState<Identity>({ state: 'loading' });
  const [verification, setVerification] = useState<Verification | null>(null);
  const { busy, error, setError, run } = useAction();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [cameraLost, setCameraLost] = useState(false);
  const [reRecords, setReRecords] = useState(0);
  const [referenceFrom, setReferenceFrom] = useState<'attract' | 'topic'>('attract');
  const [stream, setStream] = useState<MediaStream | null>(null);
  /** The camera failed and the person chose to go on with sound only: a re-record asks for the microphone alone. */
  const [soundOnly, setSoundOnly] = useState(false);
  const [session, setSession] = useState<RecordingSession | null>(null);
  const [aids, setAids] = useState({ voice: false, bigText: false, contrast: false });
  const [interrupted, setInterrupted] = useState<DeliveryRecord | null>(null);
  const deliveries = useMemo(() => createDeliveryService(), []);
  /** This draft's reserved number: the first recording asks for it, a re-record reuses it. */
  const reservation = useRef<Promise<Reservation> | null>(null);
  // Mirrors of the state above for clean-up code that runs outside rendering.
  const streamRef = useRef<MediaStream | null>(null);
  const sessionRef = useRef<RecordingSession | null>(null);
  const stepRef = useRef<Step>(step);
  const voiceOn = useRef(false);
  const guide = useMemo(() => new VoiceGuide(), []);

  const fetchDirectory = useCallback(() => {
    api.officials().then((list) => {
      setOfficials(list);
      setOfficialsError(null);
    }, setOfficialsError);
    api.categories().then(setCategories, () => undefined);
    api.faq().then(setArticles, () => undefined);
    api.settings().then(setSettings, () => undefined);
  }, []);

  useEffect(fetchDirectory, [fetchDirectory]);
  // The heartbeat's pendingUploads: recordings not yet delivered, whether bytes or the submission are missing.
  useEffect(
    () =>
      startIdentity(setIdentity, () =>
        boothStatus(async () => Math.max(await deliveries.pending(), await pendingUploadCount())),
      ),
    [deliveries],
  );

  // After the identity (which sets the booth's credential): pick up what an earlier page left undelivered.
  useEffect(() => {
    void deliveries.start().then((record) => {
      if (record && stepRef.current === 'attract') {
        // In the language the person chose before the page died.
        changeLanguage(record.fields.language, false);
        setInterrupted(record);
        setStep('restarted');
      } else if (record) deliveries.later(record.uploadId);
    });
    const wake = () => deliveries.wake();
    window.addEventListener('online', wake);
    return () => window.removeEventListener('online', wake);
  }, [deliveries]);

  // A confirmed phone is confirmed once more with the reservation (its token spent there), so a delivery that
  // reaches the server hours later, after the token would have expired, is still from a confirmed phone.
  const reservedFor = useRef('');
  const reserve = useCallback(() => {
    const phone = `+7${draft.phoneDigits}`;
    if (reservation.current && reservedFor.current !== phone) reservation.current = null;
    if (!reservation.current) {
      reservedFor.current = phone;
      const asked = api.reserve({
        language: draft.language,
        ...(draft.phoneToken ? { phone, phoneToken: draft.phoneToken } : {}),
      });
      reservation.current = asked;
      asked.catch(() => {
        if (reservation.current === asked) reservation.current = null;
      });
    }
    return reservation.current;
  }, [draft.language, draft.phoneDigits, draft.phoneToken]);

  // The voice never speaks over a recording, and stops when the screen changes.
  useEffect(() => {
    stepRef.current = step;
    guide.setMuted(step === 'record');
  }, [step, guide]);

  const say = useCallback(
    (key: string, force = false) => {
      if ((voiceOn.current || force) && stepRef.current !== 'record') guide.speak(currentLanguage(), key);
    },
    [guide],
  );

  const context = useMemo<KioskAids>(
    () => ({
      ...aids,
      toggle: (aid) =>
        setAids((a) => {
          const next = { ...a, [aid]: !a[aid] };
          voiceOn.current = next.voice;
          if (!next.voice) guide.stop();
          return next;
        }),
      say,
    }),
    [aids, say, guide],
  );

  useEffect(() => {
    document.documentElement.classList.toggle('big-text', aids.bigText);
    document.documentElement.classList.toggle('high-contrast', aids.contrast);
  }, [aids]);

  const holdStream = useCallback((media: MediaStream) => {
    streamRef.current = media;
    setStream(media);
    setSoundOnly(isSoundOnly(media));
  }, []);

  const releaseCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setStream(null);
  }, []);

  const holdSession = useCallback((next: RecordingSession | null) => {
    sessionRef.current = next;
    setSession(next);
  }, []);

  /** Forgets the person: what was typed, the camera, and any recording not yet registered (here and on the server). */
  const reset = useCallback(() => {
    const unsent = sessionRef.current;
    if (unsent) {
      void unsent.discard();
      if (unsent.uploadId) void deliveries.discard(unsent.uploadId);
    }
    holdSession(null);
    reservation.current = null;
    setInterrupted(null);
    releaseCamera();
    guide.stop();
    voiceOn.current = false;
    setAids({ voice: false, bigText: false, contrast: false });
    setDraft(EMPTY_DRAFT);
    setVerification(null);
    setError(null);
    setReceipt(null);
    setCameraLost(false);
    setSoundOnly(false);
    setReRecords(0);
    changeLanguage('kk', false);
    setStep('attract');
    fetchDirectory();
  }, [releaseCamera, fetchDirectory, holdSession, guide, setError, deliveries]);

  useEffect(
    () => () => {
      streamRef.current?.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  const idle = useIdle(WATCHED.has(step), settings.kioskIdleSeconds, settings.kioskIdleWarningSeconds, reset);

  const go = (next: Step) => {
    setError(null);
    setStep(next);
  };

  const sendFields = useMemo(() => submissionFields(draft), [draft]);
  const onDelivered = useCallback(
    (outcome: { receipt: Receipt }) => {
      // Delivered or not, the recording is the DeliveryService's now: a reset must not throw it away.
      holdSession(null);
      setReceipt(outcome.receipt);
      setError(null);
      setStep('receipt');
    },
    [holdSession, setError],
  );

  const sendCode = (resend: boolean) =>
    run(async () => {
      const started =
        resend && verification
          ? await api.resendPhoneVerification(verification.id)
          : await api.startPhoneVerification({ phone: `+7${draft.phoneDigits}`, language: draft.language });
      setVerification({
        id: started.id,
        codeLength: started.codeLength,
        resendAt: Date.now() + started.resendAfterSeconds * 1000,
      });
      go('code');
    });

  const screen = (() => {
    switch (step) {
      case 'attract':
        if (settings.kioskPairingRequired && identity.state === 'unpaired') {
          return <PairingScreen code={identity.code} />;
        }
        return (
          <AttractScreen
            onStart={() => go('language')}
            onReference={() => {
              setReferenceFrom('attract');
              go('reference');
            }}
            pairingCode={identity.state === 'unpaired' ? identity.code : null}
          />
        );
      case 'language':
        return (
          <LanguageScreen
            onBack={reset}
            onChoose={(language) => {
              changeLanguage(language, false);
              setDraft({ ...EMPTY_DRAFT, language });
              go('consent');
            }}
          />
        );
      case 'consent':
        return (
          <ConsentScreen
            retentionYears={settings.videoRetentionYears}
            onBack={() => go('language')}
            onAgree={() => go('phone')}
          />
        );
      case 'phone':
        return (
          <PhoneScreen
            digits={draft.phoneDigits}
            busy={busy}
            error={error}
            onChange={(phoneDigits) => setDraft((d) => ({ ...d, phoneDigits, phoneToken: null }))}
            onBack={() => go('consent')}
            onNext={() => {
              if (!settings.smsCodeRequired) go('iin');
              else if (draft.phoneToken) go('iin');
              else void sendCode(false);
            }}
          />
        );
      case 'code':
        return verification ? (
          <CodeScreen
            phoneDigits={draft.phoneDigits}
            codeLength={verification.codeLength}
            resendAt={verification.resendAt}
            busy={busy}
            error={error}
            onBack={() => go('phone')}
            onResend={() => void sendCode(true)}
            onConfirm={(code) =>
              void run(async () => {
                const { token } = await api.confirmPhoneVerification(verification.id, code);
                setDraft((d) => ({ ...d, phoneToken: token }));
                go('iin');
              })
            }
          />
        ) : null;
      case 'iin':
        return (
          <IinScreen
            iin={draft.iin ?? ''}
            onChange={(iin) => setDraft((d) => ({ ...d, iin }))}
            onBack={() => go('phone')}
            onNext={(iin) => {
              setDraft((d) => ({ ...d, iin }));
              go('topic');
            }}
          />
        );
      case 'topic':
        return (
          <TopicScreen
            type={draft.type}
            categoryId={draft.categoryId}
            resumeAdvice={referenceFrom === 'topic' && draft.categoryId !== null}
            categories={categories}
            articles={articles}
            onBack={() => go('iin')}
            onType={(type) => setDraft((d) => ({ ...d, type }))}
            onCategory={(categoryId) => setDraft((d) => ({ ...d, categoryId }))}
            onReference={() => {
              setReferenceFrom('topic');
              go('reference');
            }}
            onDone={() => {
              setReferenceFrom('attract');
              go('addressee');
            }}
          />
        );
      case 'reference':
        return (
          <ReferenceScreen
            categoryId={referenceFrom === 'topic' ? draft.categoryId : null}
            onBack={() => (referenceFrom === 'topic' ? go('topic') : reset())}
          />
        );
      case 'addressee':
        return (
          <AddresseeScreen
            officials={officials}
            error={officialsError}
            onRetry={fetchDirectory}
            onBack={() => go('topic')}
            onChoose={(officialId) => {
              setDraft((d) => ({ ...d, officialId }));
              go('camera');
            }}
          />
        );
      case 'camera':
        return (
          <CameraScreen
            stream={stream}
            soundOnly={soundOnly}
            seconds={settings.recordingBaseSeconds}
            onStream={holdStream}
            onBack={() => {
              releaseCamera();
              // Coming back to the camera later tries the camera again.
              setSoundOnly(false);
              go('addressee');
            }}
            onStartOver={reset}
            onStart={() => go('record')}
          />
        );
      case 'record':
        return stream ? (
          <RecordScreen
            stream={stream}
            baseSeconds={settings.recordingBaseSeconds}
            extensionSeconds={settings.recordingExtensionSeconds}
            maxSeconds={settings.recordingMaxSeconds}
            onBack={() => go('camera')}
            reserve={reserve}
            onBegin={(started, reserved) =>
              deliveries.begin({
                uploadId: started.uploadId ?? '',
                reservation: reserved,
                fields: submissionFields(draft),
                receipt: reservedReceipt(
                  reserved,
                  draft,
                  officials,
                  categories,
                  identity.state === 'paired' ? identity.kiosk : null,
                  started.audioOnly,
                ),
                mimeType: started.mimeType,
              })
            }
            onRecorded={(recording, bytes) => {
              if (recording.uploadId) void deliveries.recorded(recording.uploadId, bytes);
            }}
            onDiscard={(dropped) => {
              if (dropped.uploadId) void deliveries.discard(dropped.uploadId);
            }}
            onStopped={(stopped, lost) => {
              if (stopped.uploadId) void deliveries.stopped(stopped.uploadId);
              holdSession(stopped);
              setCameraLost(lost);
              releaseCamera();
              go('review');
            }}
          />
        ) : null;
      case 'review':
        return session ? (
          <ReviewScreen
            session={session}
            cameraLost={cameraLost}
            reRecordsLeft={settings.reRecordLimit - reRecords}
            note={draft.note}
            onNote={(note) => setDraft((d) => ({ ...d, note }))}
            onReRecord={() => {
              void session.discard();
              if (session.uploadId) void deliveries.discard(session.uploadId);
              holdSession(null);
              setCameraLost(false);
              setReRecords((n) => n + 1);
              go('camera');
            }}
            onSend={() => go('sending')}
          />
        ) : null;
      case 'sending':
        return session ? (
          <SendingScreen
            session={session}
            deliveries={deliveries}
            fields={sendFields}
            onDelivered={onDelivered}
            onStartOver={reset}
          />
        ) : null;
      case 'receipt':
        return receipt ? (
          <ReceiptScreen
            receipt={receipt}
            timeZone={settings.timeZone}
            publicUrl={settings.publicUrl}
            autoPrint={settings.receiptAutoPrint}
            organisation={organisation}
            onDone={reset}
          />
        ) : null;
      case 'restarted':
        return interrupted ? (
          <RestartScreen
            record={interrupted}
            deliveries={deliveries}
            timeZone={settings.timeZone}
            publicUrl={settings.publicUrl}
            autoPrint={settings.receiptAutoPrint}
            organisation={organisation}
            onDone={reset}
          />
        ) : null;
    }
  })();

  return (
    <KioskContext.Provider value={context}>
      {screen}
      {idle.warningLeft !== null ? (
        <IdleWarning secondsLeft={idle.warningLeft} onStay={idle.stillHere} />
      ) : null}
    </KioskContext.Provider>
  );
}
