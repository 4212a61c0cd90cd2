// The kind of appeal, as the law names them, each with one line saying what it means.
import { useTranslation } from 'react-i18next';
import { APPEAL_TYPES, type AppealType } from '../../../common/statuses.js';
import { Frame } from '../Frame.js';

export function TypeScreen({
  onBack,
  onChoose,
}: {
  onBack: () => void;
  onChoose: (type: AppealType) => void;
}) {
  const { t } = useTranslation();
  return (
    <Frame step={4} title={t('kiosk.type.title')} onBack={onBack}>
      <div className="choices">
        {APPEAL_TYPES.map((type) => (
          <button key={type} type="button" className="choice" onClick={() => onChoose(type)}>
            <span className="choice-title">{t(`common.types.${type}`)}</span>
            <span className="choice-hint">{t(`common.typeHints.${type}`)}</span>
          </button>
        ))}
      </div>
    </Frame>
  );
}
