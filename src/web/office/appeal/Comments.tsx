// Staff's internal comments on the appeal: who wrote what and when, oldest first; never shown to the citizen.
// Officials comment on the appeals they handle, operators and supervisors on any (the server decides: `can`).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CommentList } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction } from '../../ui/useAction.js';
import { COMMENT_MAX_LENGTH } from '../../../common/answers.js';

export function Comments({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [list, setList] = useState<CommentList | null>(null);
  const [text, setText] = useState('');
  const load = useAction();
  const add = useAction();
  const fieldId = useId();

  useEffect(() => {
    void load.run(async () => setList(await api.comments(appealId)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per appeal
  }, [appealId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run(async () => {
      setList(await api.addComment(appealId, text));
      setText('');
    });
  };

  return (
    <section className="card comments" aria-labelledby="comments-heading" data-testid="comments">
      <h2 id="comments-heading">{t('office.comments.title')}</h2>
      <p className="muted">{t('office.comments.hint')}</p>
      <ErrorMessage error={load.error} />
      {list && list.comments.length === 0 ? <p>{t('office.comments.empty')}</p> : null}
      {list && list.comments.length > 0 ? (
        <ol className="comment-list">
          {list.comments.map((c) => (
            <li key={c.id}>
              <p className="comment-meta">
                <span className="comment-author">{c.author.displayName}</span>,{' '}
                <time dateTime={c.at}>{formatDateTime(c.at, lng)}</time>
              </p>
              <p className="pre">{c.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {list?.can.comment ? (
        <form onSubmit={submit}>
          <label htmlFor={fieldId}>{t('office.comments.label')}</label>
          <textarea
            id={fieldId}
            rows={3}
            maxLength={COMMENT_MAX_LENGTH}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.busy || text.trim() === ''}>
              {t('office.comments.add')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
