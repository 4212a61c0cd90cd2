// The booth came back (reload, crash, power) with a recording that never reached a receipt: it is finished and
// sent for whoever is standing there, who gets the receipt — or is told plainly that nothing was saved.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/components.js';
import { formatClock } from '../../ui/format.js';
import type { DeliveryRecord, DeliveryService, RecoverOutcome } from '../../ui/recorder/delivery.js';
import { Frame } from '../Frame.js';
import { ReceiptScreen, type Organisation } from './ReceiptScreen.js';

interface Props {
  record: DeliveryRecord;
  deliveries: DeliveryService;
  timeZone: string;
  publicUrl: string;
  autoPrint: boolean;
  onDone: () => void;
  organisation?: Organisation;
}

export function RestartScreen({
  record,
  deliveries,
  timeZone,
  publicUrl,
  autoPrint,
  onDone,
  organisation,
}: Props) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<RecoverOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const running = useRef(-1);

  useEffect(() => {
    if (running.current === attempt) return;
    running.current = attempt;
    deliveries.recover(record).then(setOutcome, setError);
  }, [attempt, deliveries, record]);

  if (outcome && outcome.kind !== 'empty') {
    return (
      <ReceiptScreen
        receipt={outcome.receipt}
        timeZone={timeZone}
        publicUrl={publicUrl}
        autoPrint={autoPrint}
        onDone={onDone}
        organisation={organisation}
        title={t('kiosk.restart.title')}
        intro={
          <p className="lead" data-testid="restart-saved">
            {t('kiosk.restart.saved', {
              time: formatClock(record.recordedSeconds),
              number: outcome.receipt.registrationNumber,
            })}
          </p>
        }
      />
    );
  }

  return (
    <Frame
      title={t('kiosk.restart.title')}
      className="restart-screen"
      footer={
        outcome || error ? (
          <div className="footer-pair">
            {error ? (
              <button
                type="button"
                className="big"
                onClick={() => {
                  setError(null);
                  setAttempt((a) => a + 1);
                }}
              >
                {t('common.retry')}
              </button>
            ) : null}
            <button
              type="button"
              className="primary big"
              onClick={() => {
                if (error) deliveries.later(record.uploadId);
                onDone();
              }}
              data-testid="restart-done"
            >
              {t('kiosk.restart.startAgain')}
            </button>
          </div>
        ) : null
      }
    >
      {outcome?.kind === 'empty' ? (
        <p className="lead" role="alert" data-testid="restart-empty">
          {t('kiosk.restart.empty')}
        </p>
      ) : error ? (
        <>
          <p className="lead">{t('kiosk.restart.failed')}</p>
          <ErrorMessage error={error} />
        </>
      ) : (
        <>
          <div className="spinner" aria-hidden="true" />
          <p className="lead" aria-live="polite" data-testid="restart-saving">
            {t('kiosk.restart.saving')}
          </p>
        </>
      )}
    </Frame>
  );
}
