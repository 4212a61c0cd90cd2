// The reference: the FAQ articles in the chosen language, searchable; /reference/<slug> opens one.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type FaqArticle } from '../../ui/api.js';
import { ArticleBody } from '../../ui/ArticleBody.js';
import { ErrorMessage } from '../../ui/components.js';
import { currentLanguage } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { followLink } from '../../ui/router.js';
import { publicApi } from '../api.js';

export function ReferencePage({ slug }: { slug: string | null }) {
  // Keyed, so another article starts from a clean state.
  return slug ? <Article key={slug} slug={slug} /> : <ArticleList />;
}

function Article({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [article, setArticle] = useState<FaqArticle | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    api.faqArticle(slug).then(setArticle, setError);
  }, [slug]);
  useEffect(() => {
    if (article) heading.current?.focus();
  }, [article]);
  return (
    <>
      <p>
        <a href="/reference" onClick={followLink}>
          ← {t('public.reference.backToList')}
        </a>
      </p>
      {article ? (
        <>
          <h1 ref={heading} tabIndex={-1}>
            {pick(article.title, lng)}
          </h1>
          <ArticleBody html={pick(article.html, lng)} testId="faq-article" />
        </>
      ) : error ? (
        <>
          <h1>{t('public.reference.title')}</h1>
          {error instanceof ApiError && error.status === 404 ? (
            <p className="error" role="alert">
              {t('public.reference.notFound')}
            </p>
          ) : (
            <ErrorMessage error={error} />
          )}
        </>
      ) : (
        <p aria-live="polite">{t('common.loading')}</p>
      )}
    </>
  );
}

function ArticleList() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const initial = new URLSearchParams(window.location.search).get('q') ?? '';
  const [query, setQuery] = useState(initial);
  const [searched, setSearched] = useState(initial);
  const [articles, setArticles] = useState<FaqArticle[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const load = searched.trim() ? publicApi.searchFaq(searched.trim(), lng) : api.faq();
    load.then(setArticles, setError);
  }, [searched, lng]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    window.history.replaceState(
      null,
      '',
      q ? `/reference?${new URLSearchParams({ q }).toString()}` : '/reference',
    );
    setError(null);
    setSearched(q);
  };

  return (
    <>
      <h1>{t('public.reference.title')}</h1>
      <p>{t('public.reference.intro')}</p>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor="faq-search">{t('public.reference.search')}</label>
        <div className="search-row">
          <input id="faq-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="primary">
            {t('public.reference.searchButton')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      <div aria-live="polite">
        {articles === null && !error ? <p>{t('common.loading')}</p> : null}
        {articles && articles.length === 0 ? <p>{t('public.reference.empty')}</p> : null}
      </div>
      {articles && articles.length > 0 ? (
        <ul className="article-list">
          {articles.map((a) => (
            <li key={a.id}>
              <a href={`/reference/${a.slug}`} onClick={followLink} data-testid="reference-item">
                {pick(a.title, lng)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
