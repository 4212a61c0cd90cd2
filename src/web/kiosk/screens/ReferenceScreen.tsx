// The reference: short articles on what to say and what to bring, the chosen topic's first. Read-only, no step.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FaqArticle } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { Frame } from '../Frame.js';
import { inertLinks, orderArticles } from '../articles.js';
import '../reference.css';

interface Props {
  /** The topic chosen so far: its articles come first. */
  categoryId: string | null;
  onBack: () => void;
}

export function ReferenceScreen({ categoryId, onBack }: Props) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [articles, setArticles] = useState<FaqArticle[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<FaqArticle | null>(null);

  const load = useCallback(() => {
    api.faq().then((list) => {
      setArticles(list);
      // The one article of the chosen topic is what the person came for: open it; Back shows them all.
      const forTopic = orderArticles(list, categoryId).forTopic;
      if (forTopic.length === 1) setOpen(forTopic[0] ?? null);
    }, setError);
  }, [categoryId]);
  useEffect(load, [load]);
  const retry = () => {
    setError(null);
    load();
  };
  // An article, and the list after it, start at the top of the screen.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [open]);

  if (open) {
    return (
      <Frame
        title={pick(open.title, lng)}
        onBack={() => setOpen(null)}
        footer={
          <button type="button" className="big" onClick={() => setOpen(null)} data-testid="reference-list">
            {t('kiosk.reference.backToList')}
          </button>
        }
      >
        <article
          className="reference-article"
          data-testid="faq-article"
          // Sanitised by the server (src/server/modules/faq/markdown.ts); links made inert for the booth.
          dangerouslySetInnerHTML={{ __html: inertLinks(pick(open.html, lng)) }}
        />
      </Frame>
    );
  }

  const { forTopic, others } = orderArticles(articles ?? [], categoryId);
  const list = (items: FaqArticle[]) => (
    <ul className="reference-items">
      {items.map((a) => (
        <li key={a.id}>
          <button
            type="button"
            className="reference-item"
            onClick={() => setOpen(a)}
            data-testid="reference-item"
          >
            {pick(a.title, lng)}
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <Frame title={t('kiosk.reference.title')} onBack={onBack} voiceKey="reference">
      {error ? (
        <div className="notice">
          <ErrorMessage error={error} />
          <button type="button" className="big" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      {!articles && !error ? <p aria-live="polite">{t('common.loading')}</p> : null}
      {articles && articles.length === 0 ? <p className="hint">{t('kiosk.reference.empty')}</p> : null}
      {forTopic.length > 0 ? (
        <section aria-labelledby="reference-for-topic">
          <h2 id="reference-for-topic" className="reference-heading">
            {t('kiosk.reference.forTopic')}
          </h2>
          {list(forTopic)}
        </section>
      ) : null}
      {others.length > 0 ? (
        forTopic.length > 0 ? (
          <section aria-labelledby="reference-others">
            <h2 id="reference-others" className="reference-heading">
              {t('kiosk.reference.others')}
            </h2>
            {list(others)}
          </section>
        ) : (
          list(others)
        )
      ) : null}
    </Frame>
  );
}
