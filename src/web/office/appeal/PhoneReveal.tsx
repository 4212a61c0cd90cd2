// The citizen's phone on the appeal's page: masked, with "show number" for those whose work needs it (the operator,
// the handling official; the server decides and audits every reveal as appeal.phone_viewed).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me } from '../../ui/api.js';
import { ErrorMessage } from '../../ui/components.js';
import { useAction } from '../../ui/useAction.js';

export function PhoneReveal({ appealId, masked, me }: { appealId: string; masked: string; me: Me }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  // Supervisors and admins are refused by the server anyway; the button is not offered to them.
  const may = me.roles.includes('operator') || me.roles.includes('official');
  if (phone)
    return (
      <span className="phone-revealed" data-testid="phone-full">
        <a href={`tel:${phone}`} aria-label={t('office.phone.call', { phone })}>
          {phone}
        </a>
      </span>
    );
  return (
    <span className="phone-masked">
      <span data-testid="phone-masked">{masked}</span>
      {may ? (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            aria-describedby="phone-audited"
            onClick={() => void run(async () => setPhone((await api.revealPhone(appealId)).phone))}
          >
            {t('office.phone.show')}
          </button>
          <span id="phone-audited" className="visually-hidden">
            {t('office.phone.audited')}
          </span>
          <ErrorMessage error={error} />
        </>
      ) : null}
    </span>
  );
}
