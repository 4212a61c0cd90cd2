// Administration › Reference: the articles the booth and the public site show. An article's text is a draft until
// published (the live version stays on the booth meanwhile); the preview is the server's own sanitised rendering.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CategoryItem } from '../../ui/api.js';
import { ArticleBody } from '../../ui/ArticleBody.js';
import { ErrorMessage } from '../../ui/components.js';
import { TextField } from '../../ui/fields.js';
import { formatShortDateTime, pick } from '../../ui/format.js';
import { currentLanguage } from '../../ui/i18n.js';
import { useAction } from '../../ui/useAction.js';
import { LANGUAGES, type Language } from '../../../common/statuses.js';
import { adminApi, type FaqAdminArticle, type FaqAdminItem, type FaqText } from './adminApi.js';
import { AdminTable, HiddenHeader } from './parts.js';
import './admin.css';

const emptyText = (): FaqText => ({ title: { kk: '', ru: '', en: '' }, body: { kk: '', ru: '', en: '' } });
const sameText = (a: FaqText, b: FaqText) => JSON.stringify(a) === JSON.stringify(b);

export function FaqAdmin() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [items, setItems] = useState<FaqAdminItem[] | null>(null);
  const [categories, setCategories] = useState<CategoryItem[]>([]);
  // The article being edited: its id, or 'new'; null: the list.
  const [open, setOpen] = useState<string | null>(null);
  const { error, setError } = useAction();

  const reload = useCallback(() => {
    adminApi.faqList().then(setItems, setError);
  }, [setError]);
  useEffect(() => {
    reload();
    api.categories().then(setCategories, () => undefined);
  }, [reload]);

  const topicName = (id: string | null) => {
    const found = categories.find((c) => c.id === id);
    return found ? pick(found.name, lng) : t('office.adminFaq.general');
  };

  return (
    <main className="page wide admin-faq">
      <h1>{t('office.adminFaq.title')}</h1>
      <p className="muted">{t('office.adminFaq.intro')}</p>
      <ErrorMessage error={error} />
      {open === null ? (
        <>
          <button type="button" className="primary" onClick={() => setOpen('new')}>
            {t('office.adminFaq.new')}
          </button>
          {!items && !error ? <p>{t('common.loading')}</p> : null}
          {items ? (
            <AdminTable
              caption={t('office.adminFaq.caption')}
              className="inbox admin-table"
              columns={[
                t('office.adminFaq.order'),
                t('office.adminFaq.articleTitle'),
                t('office.adminFaq.topic'),
                t('office.adminFaq.state'),
                <HiddenHeader key="actions">{t('office.adminFaq.actions')}</HiddenHeader>,
              ]}
            >
              {items.map((item) => (
                <tr key={item.id} data-testid="faq-row" data-slug={item.slug}>
                  <td>{item.sortOrder}</td>
                  <td>
                    <strong>{pick(item.title, lng) || item.slug}</strong>
                    <br />
                    <code className="small">{item.slug}</code>
                  </td>
                  <td>{topicName(item.categoryId)}</td>
                  <td>
                    <FaqState item={item} />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => setOpen(item.id)}
                      aria-label={t('office.adminFaq.editNamed', {
                        title: pick(item.title, lng) || item.slug,
                      })}
                    >
                      {t('office.adminFaq.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </AdminTable>
          ) : null}
        </>
      ) : (
        <FaqEditor
          key={open}
          articleId={open === 'new' ? null : open}
          categories={categories}
          onClose={() => {
            setOpen(null);
            reload();
          }}
          onCreated={(id) => setOpen(id)}
        />
      )}
    </main>
  );
}

function FaqState({ item }: { item: FaqAdminItem }) {
  const { t } = useTranslation();
  return (
    <span className="faq-state">
      <span className={`state-badge ${item.published ? 'state-ok' : 'state-off'}`}>
        {item.published
          ? item.version
            ? t('office.adminFaq.publishedVersion', { version: item.version })
            : t('office.adminFaq.published')
          : t('office.adminFaq.notPublished')}
      </span>{' '}
      {item.hasDraft ? <span className="state-badge state-draft">{t('office.adminFaq.draft')}</span> : null}
    </span>
  );
}

function FaqEditor({
  articleId,
  categories,
  onClose,
  onCreated,
}: {
  articleId: string | null;
  categories: CategoryItem[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [article, setArticle] = useState<FaqAdminArticle | null>(null);
  const [text, setText] = useState<FaqText>(emptyText);
  const [saved, setSaved] = useState<FaqText>(emptyText);
  const [language, setLanguage] = useState<Language>(lng);
  const [slug, setSlug] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [sortOrder, setSortOrder] = useState('');
  const [preview, setPreview] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();

  const show = useCallback((a: FaqAdminArticle) => {
    setArticle(a);
    const current = a.draft ?? a.live ?? emptyText();
    setText(current);
    setSaved(current);
    setCategoryId(a.article.categoryId ?? '');
    setSortOrder(String(a.article.sortOrder));
  }, []);

  useEffect(() => {
    if (articleId) adminApi.faqArticle(articleId).then(show, setError);
  }, [articleId, show, setError]);

  // The preview follows the typing, a moment after it stops.
  const body = text.body[language];
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      adminApi.faqPreview(body).then(
        (p) => {
          if (current) setPreview(p.html);
        },
        () => undefined,
      );
    }, 300);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [body]);

  const edit = (part: 'title' | 'body', value: string) =>
    setText((old) => ({ ...old, [part]: { ...old[part], [language]: value } }));
  const dirty = !sameText(text, saved);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await adminApi.faqCreate({
        slug: slug.trim(),
        categoryId: categoryId || null,
        ...(sortOrder.trim() ? { sortOrder: Number(sortOrder) } : {}),
        text,
      });
      onCreated(created.article.id);
    });
  };

  /** Runs an action and then says what it did (`message`: an i18n key, shown in the current language). */
  const act = (work: () => Promise<FaqAdminArticle>, message: string) =>
    run(async () => {
      show(await work());
      setNotice(message);
    });

  const saveDraft = () => act(() => adminApi.faqSaveDraft(articleId!, text), 'office.adminFaq.draftSaved');
  const publish = () =>
    act(async () => {
      if (dirty) await adminApi.faqSaveDraft(articleId!, text);
      return adminApi.faqPublish(articleId!);
    }, 'office.adminFaq.publishedNotice');
  const saveSettings = () =>
    act(
      () =>
        adminApi.faqSettings(articleId!, {
          categoryId: categoryId || null,
          sortOrder: Number(sortOrder) || 0,
        }),
      'office.adminFaq.settingsSaved',
    );

  const settings = (
    <fieldset className="faq-settings">
      <legend>{t('office.adminFaq.settings')}</legend>
      {articleId === null ? (
        <TextField
          id="faq-slug"
          label={t('office.adminFaq.slug')}
          value={slug}
          onChange={setSlug}
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          maxLength={80}
          aria-describedby="faq-slug-hint"
        />
      ) : null}
      {articleId === null ? (
        <p id="faq-slug-hint" className="hint small">
          {t('office.adminFaq.slugHint')}
        </p>
      ) : null}
      <label htmlFor="faq-topic">{t('office.adminFaq.topic')}</label>
      <select id="faq-topic" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
        <option value="">{t('office.adminFaq.general')}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {pick(c.name, lng)}
          </option>
        ))}
      </select>
      <TextField
        id="faq-order"
        label={t('office.adminFaq.order')}
        value={sortOrder}
        onChange={setSortOrder}
        inputMode="numeric"
        pattern="[0-9]*"
      />
      {articleId !== null ? (
        <button type="button" onClick={() => void saveSettings()} disabled={busy}>
          {t('office.adminFaq.saveSettings')}
        </button>
      ) : null}
    </fieldset>
  );

  if (articleId !== null && !article)
    return error ? <ErrorMessage error={error} /> : <p>{t('common.loading')}</p>;

  return (
    <form className="faq-editor" onSubmit={articleId === null ? create : (e) => e.preventDefault()}>
      <p>
        <button type="button" className="link-button" onClick={onClose}>
          ← {t('office.adminFaq.backToList')}
        </button>
      </p>
      <h2>
        {articleId === null
          ? t('office.adminFaq.new')
          : pick(article?.article.title ?? emptyText().title, lng) || article?.article.slug}
      </h2>
      {article ? (
        <p className="muted" data-testid="faq-status">
          <FaqState item={article.article} />{' '}
          {article.article.publishedAt
            ? t('office.adminFaq.liveSince', { at: formatShortDateTime(article.article.publishedAt, lng) })
            : null}{' '}
          {article.article.draftUpdatedAt
            ? t('office.adminFaq.draftSince', {
                at: formatShortDateTime(article.article.draftUpdatedAt, lng),
              })
            : null}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {settings}
      <fieldset className="faq-language">
        <legend>{t('office.adminFaq.language')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className={language === l ? 'chosen' : undefined}>
            <input
              type="radio"
              name="faq-language"
              value={l}
              checked={language === l}
              onChange={() => setLanguage(l)}
            />
            {t(`common.languageNames.${l}`)}
            {text.title[l].trim() === '' || text.body[l].trim() === '' ? (
              <span className="muted small"> ({t('office.adminFaq.missing')})</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      <div className="faq-columns">
        <div className="faq-write">
          <TextField
            id="faq-title"
            label={t('office.adminFaq.articleTitle')}
            value={text.title[language]}
            onChange={(v) => edit('title', v)}
            maxLength={200}
            lang={language}
          />
          <label htmlFor="faq-body">{t('office.adminFaq.body')}</label>
          <textarea
            id="faq-body"
            rows={16}
            maxLength={20000}
            value={text.body[language]}
            onChange={(e) => edit('body', e.target.value)}
            lang={language}
            aria-describedby="faq-body-hint"
          />
          <p id="faq-body-hint" className="hint small">
            {t('office.adminFaq.markdownHint')}
          </p>
        </div>
        <section className="faq-preview card" aria-labelledby="faq-preview-heading" lang={language}>
          <h3 id="faq-preview-heading">{t('office.adminFaq.preview')}</h3>
          <h4 className="faq-preview-title">{text.title[language]}</h4>
          <ArticleBody html={preview} testId="faq-preview" />
        </section>
      </div>
      <div className="actions">
        {articleId === null ? (
          <button type="submit" className="primary" disabled={busy}>
            {t('office.adminFaq.create')}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void saveDraft()} disabled={busy || !dirty}>
              {t('office.adminFaq.saveDraft')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void publish()}
              disabled={busy || (!dirty && !article?.draft)}
            >
              {t('office.adminFaq.publish')}
            </button>
            {article?.draft ? (
              <button
                type="button"
                onClick={() =>
                  void act(() => adminApi.faqDiscardDraft(articleId), 'office.adminFaq.discarded')
                }
                disabled={busy}
              >
                {t('office.adminFaq.discard')}
              </button>
            ) : null}
            {article?.article.published ? (
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(t('office.adminFaq.unpublishConfirm')))
                    void act(() => adminApi.faqUnpublish(articleId), 'office.adminFaq.unpublished');
                }}
                disabled={busy}
              >
                {t('office.adminFaq.unpublish')}
              </button>
            ) : null}
          </>
        )}
      </div>
      {article && article.versions.length > 0 ? (
        <section className="faq-history" aria-labelledby="faq-history-heading">
          <h3 id="faq-history-heading">{t('office.adminFaq.history')}</h3>
          <ol reversed>
            {article.versions.map((v) => (
              <li key={v.version}>
                {t('office.adminFaq.versionLine', {
                  version: v.version,
                  at: formatShortDateTime(v.publishedAt, lng),
                  by: v.publishedBy ?? t('office.adminFaq.bySystem'),
                })}{' '}
                <button type="button" className="link-button" onClick={() => setText(v.text)}>
                  {t('office.adminFaq.restore')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </form>
  );
}
