// The topic, one decision at a time: the kind of appeal as the law names it, then the category, then the advice
// the reference has for that category (what to say, which documents to bring), if it has any.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPEAL_TYPES, type AppealType } from '../../../common/statuses.js';
import type { CategoryItem, FaqArticle } from '../../ui/api.js';
import { currentLanguage } from '../../ui/i18n.js';
import { pick } from '../../ui/format.js';
import { Frame } from '../Frame.js';

type Phase = 'type' | 'category' | 'advice';

interface Props {
  type: AppealType | null;
  categoryId: string | null;
  /** Back from the reference article: open on the advice again, not on the first question. */
  resumeAdvice: boolean;
  categories: CategoryItem[];
  articles: FaqArticle[];
  onBack: () => void;
  onType: (type: AppealType) => void;
  onCategory: (categoryId: string | null) => void;
  onReference: (categoryId: string | null) => void;
  onDone: () => void;
}

export function TopicScreen(props: Props) {
  const { type, categoryId, resumeAdvice, categories, articles } = props;
  const { onBack, onType, onCategory, onReference, onDone } = props;
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [phase, setPhase] = useState<Phase>(resumeAdvice ? 'advice' : type ? 'category' : 'type');
  const [chosen, setChosen] = useState<string | null>(categoryId);
  const advice = articles.filter((a) => a.categoryId === chosen);

  if (phase === 'type') {
    return (
      <Frame step={4} title={t('kiosk.type.title')} onBack={onBack} voiceKey="topic">
        <div className="choices">
          {APPEAL_TYPES.map((item) => (
            <button
              key={item}
              type="button"
              className="choice"
              aria-pressed={item === type}
              onClick={() => {
                onType(item);
                setPhase('category');
              }}
            >
              <span className="choice-title">{t(`common.types.${item}`)}</span>
              <span className="choice-hint">{t(`common.typeHints.${item}`)}</span>
            </button>
          ))}
        </div>
      </Frame>
    );
  }

  if (phase === 'category') {
    const choose = (id: string | null) => {
      setChosen(id);
      onCategory(id);
      if (id && articles.some((a) => a.categoryId === id)) setPhase('advice');
      else onDone();
    };
    return (
      <Frame step={4} title={t('kiosk.category.title')} onBack={() => setPhase('type')}>
        <div className="chips category-chips">
          {categories.map((c) => (
            <button key={c.id} type="button" className="chip" onClick={() => choose(c.id)}>
              {pick(c.name, lng)}
            </button>
          ))}
          <button type="button" className="chip chip-other" onClick={() => choose(null)}>
            {t('kiosk.category.other')}
          </button>
        </div>
      </Frame>
    );
  }

  return (
    <Frame
      step={4}
      title={t('kiosk.advice.title')}
      onBack={() => setPhase('category')}
      footer={
        <button type="button" className="primary big" onClick={onDone}>
          {t('kiosk.advice.continue')}
        </button>
      }
    >
      <p className="hint">{t('kiosk.advice.hint')}</p>
      <div className="choices">
        {advice.map((article) => (
          <button key={article.id} type="button" className="choice" onClick={() => onReference(chosen)}>
            <span className="choice-title">{pick(article.title, lng)}</span>
            <span className="choice-hint">{t('kiosk.advice.read')}</span>
          </button>
        ))}
      </div>
    </Frame>
  );
}
