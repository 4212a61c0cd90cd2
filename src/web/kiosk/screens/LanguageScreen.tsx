// The language, each name in its own language; the question is asked in all three.
import i18next from 'i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../ui/i18n.js';
import { Frame } from '../Frame.js';

export function LanguageScreen({
  onChoose,
  onBack,
}: {
  onChoose: (language: Language) => void;
  onBack: () => void;
}) {
  const title = LANGUAGES.map((lng) => i18next.getFixedT(lng)('kiosk.welcome.choose')).join(' · ');
  return (
    <Frame
      step={1}
      title={title}
      onBack={onBack}
      voiceKey="language"
      languages={false}
      className="language-screen"
    >
      <div className="choices">
        {LANGUAGES.map((lng) => (
          <button key={lng} type="button" lang={lng} className="choice big" onClick={() => onChoose(lng)}>
            <span className="choice-title">{LANGUAGE_NAMES[lng]}</span>
            <span className="choice-hint">{i18next.getFixedT(lng)('kiosk.welcome.title')}</span>
          </button>
        ))}
      </div>
    </Frame>
  );
}
