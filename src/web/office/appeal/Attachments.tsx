// Internal documents staff attach to the appeal (PDF, JPEG, PNG; the server checks the content, size and count):
// never shown to the citizen. Who may attach is the server's answer (`can`).
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AttachmentList } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction } from '../../ui/useAction.js';
import { DOCUMENT_ACCEPT, fileSize } from './AnswerPanel.js';

export function Attachments({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [list, setList] = useState<AttachmentList | null>(null);
  const load = useAction();
  const add = useAction();
  const inputId = useId();

  useEffect(() => {
    void load.run(async () => setList(await api.attachments(appealId)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per appeal
  }, [appealId]);

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    void add.run(async () => {
      for (const file of files) setList(await api.addAttachment(appealId, file));
    });
  };

  const full = list ? list.attachments.length >= list.limits.maxAttachments : true;
  return (
    <section className="card attachments" aria-labelledby="attachments-heading" data-testid="attachments">
      <h2 id="attachments-heading">{t('office.attachments.title')}</h2>
      <ErrorMessage error={load.error} />
      {list && list.attachments.length === 0 ? <p>{t('office.attachments.empty')}</p> : null}
      {list && list.attachments.length > 0 ? (
        <ul className="documents">
          {list.attachments.map((a) => (
            <li key={a.id}>
              <a href={a.url} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="muted">
                ({fileSize(a.sizeBytes, lng)}
                {a.by ? `, ${a.by.displayName}` : ''},{' '}
                <time dateTime={a.at}>{formatDateTime(a.at, lng)}</time>)
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {list?.can.attach ? (
        <>
          <label htmlFor={inputId} className={`file-button ${full ? 'disabled' : ''}`}>
            {t('office.attachments.add')}
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept={DOCUMENT_ACCEPT}
            multiple
            disabled={full || add.busy}
            onChange={chosen}
            aria-describedby={`${inputId}-hint`}
          />
          <p id={`${inputId}-hint`} className="muted">
            {t('office.attachments.hint', {
              count: list.limits.maxAttachments,
              size: fileSize(list.limits.maxDocumentBytes, lng),
            })}
          </p>
          <ErrorMessage error={add.error} />
        </>
      ) : null}
    </section>
  );
}
