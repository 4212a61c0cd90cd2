// The receipt (талон): what the law says the person gets, laid out to print on an 80 mm roll.
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../ui/api.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';

interface Props {
  receipt: Receipt;
  timeZone: string;
  onDone: () => void;
}

export function ReceiptScreen({ receipt, timeZone, onDone }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <main className="kiosk-screen receipt-screen">
      <h1 className="ok-title">
        <span aria-hidden="true">✓ </span>
        {t('kiosk.receipt.title')}
      </h1>
      <section className="receipt" aria-label={t('kiosk.receipt.heading')}>
        <p className="receipt-brand">
          {t('common.appName')} · {t('kiosk.receipt.heading')}
        </p>
        <p className="receipt-label">{t('common.registrationNumber')}</p>
        <p className="receipt-number" data-testid="receipt-number">
          {receipt.registrationNumber}
        </p>
        <p className="receipt-label">{t('common.accessCode')}</p>
        <p className="receipt-code" data-testid="receipt-code">
          {receipt.accessCode}
        </p>
        <dl className="facts">
          <dt>{t('common.registeredAt')}</dt>
          <dd>
            <time dateTime={receipt.registeredAt}>{formatDateTime(receipt.registeredAt, lng, timeZone)}</time>
          </dd>
          <dt>{t('common.addressee')}</dt>
          <dd>
            {receipt.addressee ? (
              <>
                {pick(receipt.addressee.fullName, lng)}
                <br />
                <span className="muted">{pick(receipt.addressee.position, lng)}</span>
              </>
            ) : (
              t('common.addresseeByOffice')
            )}
          </dd>
          <dt>{t('common.deadline')}</dt>
          <dd>
            <time dateTime={receipt.deadlineOn}>{formatDay(receipt.deadlineOn, lng)}</time>
          </dd>
        </dl>
        <p className="receipt-keep">{t('kiosk.receipt.keep')}</p>
      </section>
      <div className="actions no-print">
        <button type="button" className="big" onClick={() => window.print()}>
          {t('kiosk.receipt.print')}
        </button>
        <button type="button" className="primary big" onClick={onDone}>
          {t('kiosk.receipt.done')}
        </button>
      </div>
    </main>
  );
}
