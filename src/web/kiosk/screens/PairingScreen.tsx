// A booth that must be paired before use shows only this: the code an administrator enters in the office.
import { useTranslation } from 'react-i18next';

export function PairingScreen({ code }: { code: string | null }) {
  const { t } = useTranslation();
  return (
    <main className="kiosk-screen pairing-screen">
      <h1>{t('kiosk.pairing.title')}</h1>
      <p className="hint">{t('kiosk.pairing.hint')}</p>
      <p className="pairing-code" data-testid="pairing-code" aria-live="polite">
        {code ?? t('common.loading')}
      </p>
    </main>
  );
}
