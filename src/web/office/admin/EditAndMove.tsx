// The buttons a row of an ordered list starts with: edit it, move it up, move it down (named for screen readers).
import { useTranslation } from 'react-i18next';

export type Direction = 'up' | 'down';

export function EditAndMove({
  name,
  busy,
  first,
  last,
  onEdit,
  onMove,
}: {
  name: string;
  busy: boolean;
  first: boolean;
  last: boolean;
  onEdit: () => void;
  onMove: (direction: Direction) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={onEdit}
        aria-label={t('office.directory.editNamed', { name })}
      >
        {t('office.directory.edit')}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => onMove('up')}
        disabled={busy || first}
        aria-label={t('office.directory.moveUpNamed', { name })}
      >
        ↑
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => onMove('down')}
        disabled={busy || last}
        aria-label={t('office.directory.moveDownNamed', { name })}
      >
        ↓
      </button>
    </>
  );
}
