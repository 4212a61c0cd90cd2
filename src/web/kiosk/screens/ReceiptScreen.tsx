// The receipt (талон): what the law says the person gets, laid out to print on an 80 mm roll, printed once on
// arrival (silently under Chromium --kiosk-printing) and again on request. A receipt printed while the video is
// still on its way says so, on the screen and on paper; so does the receipt of a sound-only appeal.
import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Receipt, Trilingual } from '../../ui/api.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime, formatDay, pick } from '../../ui/format.js';
import { QrCode } from '../../ui/QrCode.js';
import { Frame } from '../Frame.js';

interface Props {
  receipt: Receipt;
  timeZone: string;
  /** Base of the public site; the QR code opens its status page with the number filled in. */
  publicUrl: string;
  autoPrint: boolean;
  onDone: () => void;
  /** Instead of "Your appeal is registered" (the restart screen says what happened first). */
  title?: string;
  intro?: ReactNode;
  /** The organisation's name and logo as an admin set them (Administration › Settings); nothing when unset. */
  organisation?: Organisation;
}

export interface Organisation {
  name: Trilingual;
  logo: string | null;
}

export function statusUrl(base: string, registrationNumber: string): string {
  return `${base.replace(/\/+$/, '')}/?n=${encodeURIComponent(registrationNumber)}`;
}

/**
 * A roll has no fixed page length and `@page { size: 80mm auto }` is not valid CSS, so the page is sized to the
 * printed copy: its height is measured (it is laid out in millimetres and points, as on paper) and written into an
 * `@page` rule while the receipt is on screen.
 */
function usePageFittedTo(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const card = ref.current;
    if (!card) return;
    const mm = Math.ceil((card.getBoundingClientRect().height * 25.4) / 96) + 4;
    // A constructed sheet, not a <style> element: the page's Content-Security-Policy allows no inline style.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { size: 80mm ${mm}mm; margin: 0 }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  });
}

export function ReceiptScreen(props: Props) {
  const { receipt, timeZone, publicUrl, autoPrint, onDone, title, intro, organisation } = props;
  const { t } = useTranslation();
  const printed = useRef(false);
  useEffect(() => {
    if (!autoPrint || printed.current) return;
    printed.current = true;
    // After the first paint, so the printed page has the receipt on it.
    const timer = window.setTimeout(() => window.print(), 300);
    return () => window.clearTimeout(timer);
  }, [autoPrint]);
  const printRef = useRef<HTMLElement>(null);
  usePageFittedTo(printRef);
  const site = publicUrl || window.location.origin;
  const url = statusUrl(site, receipt.registrationNumber);
  return (
    <Frame
      title={title ?? t('kiosk.receipt.title')}
      voiceKey="receipt"
      className="receipt-screen"
      footer={
        <div className="footer-pair">
          <button type="button" className="big" onClick={() => window.print()} data-testid="print-again">
            {t('kiosk.receipt.printAgain')}
          </button>
          <button type="button" className="primary big" onClick={onDone} data-testid="receipt-done">
            {t('kiosk.receipt.done')}
          </button>
        </div>
      }
    >
      {intro}
      {receipt.videoComplete ? null : (
        <p className="notice" role="status" data-testid="receipt-delivering">
          {t('kiosk.receipt.delivering')}
        </p>
      )}
      <ReceiptCard receipt={receipt} timeZone={timeZone} url={url} organisation={organisation} />
      <ReceiptCard
        receipt={receipt}
        timeZone={timeZone}
        url={url}
        organisation={organisation}
        forPrint
        cardRef={printRef}
      />
    </Frame>
  );
}

interface CardProps {
  receipt: Receipt;
  timeZone: string;
  url: string;
  organisation?: Organisation | undefined;
  /** The copy laid out in printer units (80 mm, pt) that the printer gets; hidden from the screen and from readers. */
  forPrint?: boolean;
  cardRef?: RefObject<HTMLElement | null>;
}

function ReceiptCard({ receipt, timeZone, url, organisation, forPrint = false, cardRef }: CardProps) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const organisationName = organisation ? pick(organisation.name, lng) : '';
  return (
    <section
      ref={cardRef}
      className={forPrint ? 'receipt receipt-print' : 'receipt'}
      aria-label={forPrint ? undefined : t('kiosk.receipt.heading')}
      aria-hidden={forPrint ? true : undefined}
      data-testid={forPrint ? undefined : 'receipt'}
    >
      {organisation?.logo || organisationName ? (
        <div className="receipt-org">
          {organisation?.logo ? <img className="receipt-logo" src={organisation.logo} alt="" /> : null}
          {organisationName ? (
            <p className="receipt-org-name" data-testid={forPrint ? undefined : 'receipt-organisation'}>
              {organisationName}
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="receipt-brand">
        {t('common.appName')} · {t('kiosk.receipt.heading')}
      </p>
      <p className="receipt-label">{t('common.registrationNumber')}</p>
      <p className="receipt-number" data-testid={forPrint ? undefined : 'receipt-number'}>
        {receipt.registrationNumber}
      </p>
      {receipt.accessCode ? (
        <>
          <p className="receipt-label">{t('common.accessCode')}</p>
          <p className="receipt-code" data-testid={forPrint ? undefined : 'receipt-code'}>
            {receipt.accessCode}
          </p>
        </>
      ) : null}
      {receipt.audioOnly ? (
        <p className="receipt-sound-only" data-testid={forPrint ? undefined : 'receipt-sound-only'}>
          {t('kiosk.receipt.soundOnly')}
        </p>
      ) : null}
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
        <dt>{t('common.type')}</dt>
        <dd>
          {t(`common.types.${receipt.type}`)}
          {receipt.category ? ` · ${pick(receipt.category, lng)}` : ''}
        </dd>
        <dt>{t('common.deadline')}</dt>
        <dd data-testid={forPrint ? undefined : 'receipt-deadline'}>
          <time dateTime={receipt.deadlineOn}>{formatDay(receipt.deadlineOn, lng)}</time>
          <br />
          <span className="muted">
            {t('kiosk.receipt.workingDays', { count: receipt.deadlineWorkingDays })}
          </span>
        </dd>
        {receipt.kiosk ? (
          <>
            <dt>{t('kiosk.receipt.booth')}</dt>
            <dd>
              {receipt.kiosk.name}
              {receipt.kiosk.location ? (
                <>
                  <br />
                  <span className="muted">{receipt.kiosk.location}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="receipt-lookup">
        <QrCode value={url} label={t('kiosk.receipt.qr')} className="receipt-qr" />
        <p>
          {t('kiosk.receipt.lookup')}
          <br />
          <strong className="receipt-url">{url}</strong>
        </p>
      </div>
      {receipt.videoComplete ? null : <p className="receipt-keep">{t('kiosk.receipt.delivering')}</p>}
      <p className="receipt-keep">{t('kiosk.receipt.keep')}</p>
    </section>
  );
}
