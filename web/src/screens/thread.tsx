// A post with what it answers above it and the answers below, as /statuses/:id/context gives them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { api, ApiError } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import { usePageTitle } from '../ui/layout.tsx';
import { StatusCard } from '../ui/status.tsx';

export function ThreadScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  usePageTitle(t('thread.title'));
  const [, navigate] = useLocation();
  const [status, setStatus] = useState<Status | null>(null);
  const [ancestors, setAncestors] = useState<Status[]>([]);
  const [descendants, setDescendants] = useState<Status[]>([]);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const [s, context] = await Promise.all([api<Status>(`/api/v1/statuses/${id}`), api<{ ancestors: Status[]; descendants: Status[] }>(`/api/v1/statuses/${id}/context`)]);
      setStatus(s);
      setAncestors(context.ancestors);
      setDescendants(context.descendants);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('thread.notFound') : t('errors.network'));
    }
  }, [id, t]);

  useEffect(() => {
    void load();
  }, [load]);
  // To the post the thread is about once it is there, not again on each change to it.
  const shownId = status?.id;
  useEffect(() => {
    if (shownId) focused.current?.scrollIntoView({ block: 'start' });
  }, [shownId]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!status) return <p aria-busy="true">{t('common.loading')}</p>;
  const replace = (list: Status[], s: Status) => list.map((x) => (x.id === s.id ? s : x));
  const drop = (list: Status[], gone: string) => list.filter((x) => x.id !== gone);
  return (
    <div className="thread">
      {ancestors.map((s) => (
        <StatusCard key={s.id} status={s} onChange={(n) => setAncestors((l) => replace(l, n))} onDelete={(g) => setAncestors((l) => drop(l, g))} onReplied={() => void load()} />
      ))}
      <div ref={focused}>
        <StatusCard status={status} focused onChange={setStatus} onDelete={() => navigate('/web/home')} onReplied={() => void load()} />
      </div>
      {descendants.map((s) => (
        <StatusCard key={s.id} status={s} onChange={(n) => setDescendants((l) => replace(l, n))} onDelete={(g) => setDescendants((l) => drop(l, g))} onReplied={() => void load()} />
      ))}
    </div>
  );
}
