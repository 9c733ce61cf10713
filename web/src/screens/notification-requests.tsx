// The notifications the notification policy held back, one request per account: what they sent
// last, and accepting (their notifications join the others, and the next ones pass) or dismissing
// them (Mastodon's /api/v1/notifications/requests).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, apiPage } from '../api/client.ts';
import type { NotificationRequest } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { AccountRow } from '../ui/account-list.tsx';
import { displayName } from '../ui/avatar.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { StatusCard } from '../ui/status.tsx';

type Answer = 'accept' | 'dismiss';
const PAGE = 40;

function RequestItem({ request, onAnswered }: { request: NotificationRequest; onAnswered: (answer: Answer) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const name = displayName(request.account);
  const answer = async (action: Answer) => {
    setBusy(true);
    try {
      await api(`/api/v1/notifications/requests/${request.id}/${action}`, { method: 'POST' });
      onAnswered(action);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="notification-request">
      <ul className="account-list">
        <AccountRow account={request.account}>
          <span className="muted request-count">{t('requests.held', { n: format.number(Number(request.notifications_count)) })}</span>
        </AccountRow>
      </ul>
      {request.last_status && <StatusCard status={request.last_status} />}
      <div className="notification-answer">
        <button type="button" className="button" disabled={busy} onClick={() => void answer('accept')} aria-label={t('requests.acceptFrom', { name })}>
          {t('requests.accept')}
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={() => void answer('dismiss')} aria-label={t('requests.dismissFrom', { name })}>
          {t('requests.dismiss')}
        </button>
      </div>
    </li>
  );
}

export function NotificationRequestsScreen() {
  const { t } = useTranslation();
  usePageTitle(t('requests.title'));
  const [items, setItems] = useState<NotificationRequest[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [said, setSaid] = useState('');

  useEffect(() => {
    void apiPage<NotificationRequest>(`/api/v1/notifications/requests?limit=${PAGE}`).then((page) => {
      setItems(page.items);
      setNext(page.items.length < PAGE ? null : page.next);
    });
  }, []);

  async function more() {
    if (!next) return;
    const page = await apiPage<NotificationRequest>(next);
    setItems((current) => [...(current ?? []), ...page.items]);
    setNext(page.items.length < PAGE ? null : page.next);
  }

  const answered = (request: NotificationRequest, answer: Answer) => {
    setItems((current) => (current ?? []).filter((r) => r.id !== request.id));
    const name = displayName(request.account);
    setSaid(answer === 'accept' ? t('requests.accepted', { name }) : t('requests.dismissed', { name }));
  };

  return (
    <div>
      <p className="muted">{t('requests.explain')}</p>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {!items && <p aria-busy="true">{t('common.loading')}</p>}
      {items && items.length === 0 && <p className="empty">{t('requests.empty')}</p>}
      <ul className="notification-requests">
        {(items ?? []).map((r) => (
          <RequestItem key={r.id} request={r} onAnswered={(answer) => answered(r, answer)} />
        ))}
      </ul>
      {next && (
        <div className="load-more">
          <button type="button" className="button secondary" onClick={() => void more()}>
            {t('timeline.loadMore')}
          </button>
        </div>
      )}
      <p>
        <Link href="/web/notifications">{t('requests.back')}</Link>
      </p>
    </div>
  );
}

/** The way to the requests from the notifications, with how many wait (the policy's summary). */
export function RequestsLink() {
  const { t } = useTranslation();
  const format = useFormat();
  const [pending, setPending] = useState(0);
  useEffect(() => {
    void api<{ summary?: { pending_requests_count: number } }>('/api/v2/notifications/policy')
      .then((policy) => setPending(policy.summary?.pending_requests_count ?? 0))
      .catch(() => undefined);
  }, []);
  return (
    <p className="requests-link">
      <Link href="/web/notifications/requests">{pending > 0 ? t('requests.linkWaiting', { n: format.number(pending) }) : t('requests.link')}</Link>
    </p>
  );
}
