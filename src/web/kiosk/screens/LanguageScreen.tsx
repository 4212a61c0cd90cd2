// First screen: the language, each name in its own language; the title is shown in all three.
import i18next from 'i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../ui/i18n.js';

export function LanguageScreen({ onChoose }: { onChoose: (language: Language) => void }) {
  return (
    <main className="kiosk-screen language-screen">
      <p className="brand">{i18next.getFixedT('kk')('common.appName')}</p>
      <div className="welcome">
        {LANGUAGES.map((lng) => (
          <p key={lng} lang={lng} className="welcome-line">
            {i18next.getFixedT(lng)('kiosk.welcome.title')}
          </p>
        ))}
      </div>
      <h1 className="visually-hidden">{i18next.getFixedT('kk')('kiosk.welcome.choose')}</h1>
      <div className="choices">
        {LANGUAGES.map((lng) => (
          <button key={lng} type="button" lang={lng} className="choice big" onClick={() => onChoose(lng)}>
            <span className="choice-title">{LANGUAGE_NAMES[lng]}</span>
            <span className="choice-hint">{i18next.getFixedT(lng)('kiosk.welcome.choose')}</span>
          </button>
        ))}
      </div>
    </main>
  );
}
