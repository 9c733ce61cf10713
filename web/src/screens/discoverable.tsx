// Settings: whether the profile may be suggested to others and listed in the directory
// (Mastodon's `discoverable`, through update_credentials), saved as soon as it is switched.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { useSession } from '../state/session.tsx';

export function DiscoverableSwitch() {
  const { t } = useTranslation();
  const { me, setMe } = useSession();
  const [on, setOn] = useState(Boolean(me?.source?.discoverable ?? me?.discoverable));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const change = async (next: boolean) => {
    setBusy(true);
    setOutcome(null);
    try {
      const updated = await api<Account>('/api/v1/accounts/update_credentials', { method: 'PATCH', body: { discoverable: next } });
      setMe(updated);
      setOn(Boolean(updated.source?.discoverable ?? updated.discoverable));
      setOutcome({ ok: true, text: next ? t('settings.discoverableOn') : t('settings.discoverableOff') });
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof ApiError ? error.message : t('errors.network') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="form" aria-labelledby="settings-privacy">
      <h2 id="settings-privacy" className="section-title">
        {t('settings.privacy')}
      </h2>
      <label className="checkbox">
        <input type="checkbox" role="switch" aria-checked={on} checked={on} disabled={busy} onChange={(e) => void change(e.target.checked)} aria-describedby="settings-discoverable-help" />
        {t('settings.discoverable')}
      </label>
      <p id="settings-discoverable-help" className="muted">
        {t('settings.discoverableHelp')}
      </p>
      <p className={`settings-outcome ${outcome?.ok === false ? 'error' : 'success'}`} role="status">
        {outcome?.text}
      </p>
    </section>
  );
}
