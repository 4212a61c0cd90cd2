// The receipt of an appeal made at home: number, access code shown once with a warning to keep it, deadline,
// addressee, a QR code to the look-up, and the same as a PDF to download.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../ui/api.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { QrCode } from '../../ui/QrCode.js';
import { receiptPdf } from './receiptFile.js';

interface Props {
  receipt: Receipt;
  accessCode: string;
  publicUrl: string;
  timeZone: string;
  onAnother: () => void;
}

export function statusUrl(base: string, registrationNumber: string): string {
  return `${base.replace(/\/+$/, '')}/?n=${encodeURIComponent(registrationNumber)}`;
}

export function ReceiptView({ receipt, accessCode, publicUrl, timeZone, onAnother }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const url = statusUrl(publicUrl || window.location.origin, receipt.registrationNumber);
  const addressee = receipt.addressee
    ? `${pick(receipt.addressee.fullName, lng)}, ${pick(receipt.addressee.position, lng)}`
    : t('common.addresseeByOffice');
  const [pdf, setPdf] = useState<string | null>(null);

  useEffect(() => {
    let made: string | null = null;
    let cancelled = false;
    void receiptPdf(receipt, accessCode, {
      title: t('public.reception.receipt.pdfTitle'),
      facts: [
        [t('common.registrationNumber'), receipt.registrationNumber],
        [t('common.accessCode'), accessCode],
        [t('common.registeredAt'), formatDateTime(receipt.registeredAt, lng, timeZone)],
        [t('common.deadline'), formatDay(receipt.deadlineOn, lng)],
        [t('common.addressee'), addressee],
        [t('common.type'), t(`common.types.${receipt.type}`)],
      ],
      warning: t('public.reception.receipt.keep'),
      qrCaption: t('public.reception.receipt.qr'),
      url,
    }).then(
      (blob) => {
        if (cancelled) return;
        made = URL.createObjectURL(blob);
        setPdf(made);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [receipt, accessCode, lng, timeZone, addressee, url, t]);

  return (
    <>
      <h1 tabIndex={-1}>{t('public.reception.receipt.title')}</h1>
      <div className="card receipt-card" data-testid="reception-receipt">
        <dl className="facts">
          <dt>{t('common.registrationNumber')}</dt>
          <dd className="big-value" data-testid="receipt-number">
            {receipt.registrationNumber}
          </dd>
          <dt>{t('common.accessCode')}</dt>
          <dd className="big-value" data-testid="receipt-code">
            {accessCode}
          </dd>
          <dt>{t('common.registeredAt')}</dt>
          <dd>{formatDateTime(receipt.registeredAt, lng, timeZone)}</dd>
          <dt>{t('common.deadline')}</dt>
          <dd>
            {formatDay(receipt.deadlineOn, lng)}{' '}
            <small>{t('public.reception.receipt.workingDays', { count: receipt.deadlineWorkingDays })}</small>
          </dd>
          <dt>{t('common.addressee')}</dt>
          <dd>{addressee}</dd>
        </dl>
        <p className="warning" role="note">
          {t('public.reception.receipt.keep')}
        </p>
        <div className="receipt-qr">
          <QrCode value={url} label={t('public.reception.receipt.qr')} className="qr" />
          <p>
            {t('public.reception.receipt.qr')} <a href={url}>{url}</a>
          </p>
        </div>
      </div>
      <div className="actions">
        {pdf ? (
          <a
            className="button-link"
            href={pdf}
            download={`dialog-${receipt.registrationNumber}.pdf`}
            data-testid="reception-pdf"
          >
            {t('public.reception.receipt.pdf')}
          </a>
        ) : null}
        <button type="button" onClick={() => window.print()}>
          {t('public.reception.receipt.print')}
        </button>
        <button type="button" onClick={onAnother}>
          {t('public.reception.receipt.another')}
        </button>
      </div>
    </>
  );
}
