// The booth's journey: language → phone → addressee → type → camera → recording → sending → receipt.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OfficialCard, PublicSettings, Receipt } from '../ui/api.js';
import { api } from '../ui/api.js';
import { changeLanguage, type Language } from '../ui/i18n.js';
import type { AppealType } from '../../common/statuses.js';
import type { RecordingSession } from '../ui/recorder/session.js';
import { RECORDING_BASE_SECONDS, RECORDING_MAX_SECONDS, DEADLINE_WORKING_DAYS } from '../../common/limits.js';
import { LanguageScreen } from './screens/LanguageScreen.js';
import { PhoneScreen } from './screens/PhoneScreen.js';
import { AddresseeScreen } from './screens/AddresseeScreen.js';
import { TypeScreen } from './screens/TypeScreen.js';
import { CameraScreen } from './screens/CameraScreen.js';
import { RecordScreen } from './screens/RecordScreen.js';
import { SendingScreen } from './screens/SendingScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';

type Step = 'language' | 'phone' | 'addressee' | 'type' | 'camera' | 'record' | 'sending' | 'receipt';

export interface Draft {
  language: Language;
  /** The ten digits after +7. */
  phoneDigits: string;
  officialId: string | null;
  type: AppealType | null;
}

const EMPTY_DRAFT: Draft = { language: 'kk', phoneDigits: '', officialId: null, type: null };

const FALLBACK_SETTINGS: PublicSettings = {
  recordingBaseSeconds: RECORDING_BASE_SECONDS,
  recordingExtensionSeconds: 60,
  recordingMaxSeconds: RECORDING_MAX_SECONDS,
  reRecordLimit: 2,
  videoRetentionYears: 5,
  deadlineWorkingDays: DEADLINE_WORKING_DAYS,
  timeZone: 'Asia/Almaty',
  smsCodeRequired: false,
  kioskPairingRequired: false,
  kioskIdleSeconds: 90,
  kioskIdleWarningSeconds: 20,
  receiptAutoPrint: true,
  publicUrl: '',
};

/** Seconds without a touch after which the booth forgets the person and returns to the start. */
const IDLE_SECONDS: Partial<Record<Step, number>> = {
  phone: 90,
  addressee: 90,
  type: 90,
  camera: 90,
  receipt: 60,
};

export function App() {
  const [step, setStep] = useState<Step>('language');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [settings, setSettings] = useState<PublicSettings>(FALLBACK_SETTINGS);
  const [officials, setOfficials] = useState<OfficialCard[] | null>(null);
  const [officialsError, setOfficialsError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [cameraLost, setCameraLost] = useState(false);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [session, setSession] = useState<RecordingSession | null>(null);
  // Mirrors of the state above for clean-up code that runs outside rendering.
  const streamRef = useRef<MediaStream | null>(null);
  const sessionRef = useRef<RecordingSession | null>(null);

  const fetchDirectory = useCallback(() => {
    api.officials().then((list) => {
      setOfficials(list);
      setOfficialsError(null);
    }, setOfficialsError);
    api.settings().then(setSettings, () => undefined);
  }, []);

  useEffect(fetchDirectory, [fetchDirectory]);

  const loadDirectory = useCallback(() => {
    setOfficialsError(null);
    fetchDirectory();
  }, [fetchDirectory]);

  const holdStream = useCallback((media: MediaStream) => {
    streamRef.current = media;
    setStream(media);
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

  const reset = useCallback(() => {
    void sessionRef.current?.discard();
    holdSession(null);
    releaseCamera();
    setDraft(EMPTY_DRAFT);
    setReceipt(null);
    setCameraLost(false);
    changeLanguage('kk', false);
    setStep('language');
    loadDirectory();
  }, [releaseCamera, loadDirectory, holdSession]);

  useEffect(
    () => () => {
      streamRef.current?.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  // Return to the start when nobody touches the screen for a while (never during recording or sending).
  useEffect(() => {
    const seconds = IDLE_SECONDS[step];
    if (!seconds) return;
    let timer = window.setTimeout(reset, seconds * 1000);
    const touched = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(reset, seconds * 1000);
    };
    const events = ['pointerdown', 'keydown'] as const;
    events.forEach((e) => window.addEventListener(e, touched));
    return () => {
      window.clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, touched));
    };
  }, [step, reset]);

  switch (step) {
    case 'language':
      return (
        <LanguageScreen
          onChoose={(language) => {
            changeLanguage(language, false);
            setDraft({ ...EMPTY_DRAFT, language });
            setStep('phone');
          }}
        />
      );
    case 'phone':
      return (
        <PhoneScreen
          digits={draft.phoneDigits}
          onChange={(phoneDigits) => setDraft((d) => ({ ...d, phoneDigits }))}
          onBack={() => setStep('language')}
          onNext={() => setStep('addressee')}
        />
      );
    case 'addressee':
      return (
        <AddresseeScreen
          officials={officials}
          error={officialsError}
          onRetry={loadDirectory}
          onBack={() => setStep('phone')}
          onChoose={(officialId) => {
            setDraft((d) => ({ ...d, officialId }));
            setStep('type');
          }}
        />
      );
    case 'type':
      return (
        <TypeScreen
          onBack={() => setStep('addressee')}
          onChoose={(type) => {
            setDraft((d) => ({ ...d, type }));
            setStep('camera');
          }}
        />
      );
    case 'camera':
      return (
        <CameraScreen
          stream={stream}
          seconds={settings.recordingBaseSeconds}
          onStream={holdStream}
          onBack={() => {
            releaseCamera();
            setStep('type');
          }}
          onStart={() => setStep('record')}
        />
      );
    case 'record':
      return stream ? (
        <RecordScreen
          stream={stream}
          seconds={settings.recordingBaseSeconds}
          onBack={() => setStep('camera')}
          onStopped={(stopped, lost) => {
            holdSession(stopped);
            setCameraLost(lost);
            releaseCamera();
            setStep('sending');
          }}
        />
      ) : null;
    case 'sending':
      return session ? (
        <SendingScreen
          session={session}
          draft={draft}
          cameraLost={cameraLost}
          onReceipt={(r) => {
            holdSession(null);
            setReceipt(r);
            setStep('receipt');
          }}
          onStartOver={reset}
        />
      ) : null;
    case 'receipt':
      return receipt ? <ReceiptScreen receipt={receipt} timeZone={settings.timeZone} onDone={reset} /> : null;
  }
}
