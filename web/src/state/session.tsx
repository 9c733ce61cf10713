// Who is signed in and what the server allows, loaded once at start and shared by every screen.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Account, Instance } from '../api/types.ts';
import { storedToken, storeToken } from '../auth/storage.ts';
import { streaming } from '../streaming/stream.ts';

interface Session {
  me: Account | null;
  instance: Instance | null;
  loading: boolean;
  /** reloads the signed-in account (after sign-in, or a profile change); null when the token does not work */
  refresh(): Promise<Account | null>;
  setMe(account: Account | null): void;
  /** notifications that arrived since the notifications screen was last open */
  unread: number;
  setUnread(update: (n: number) => number): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Account | null>(null);
  const [instance, setInstance] = useState<Instance | null>(null);
  const [loading, setLoading] = useState(true);
  const [unread, setUnread] = useState(0);

  const refresh = useCallback(async (): Promise<Account | null> => {
    if (!storedToken()) {
      setMe(null);
      return null;
    }
    try {
      const account = await api<Account>('/api/v1/accounts/verify_credentials');
      setMe(account);
      streaming.reset();
      return account;
    } catch (error) {
      // A revoked or expired token, or an account still awaiting approval: forget it, sign in again later.
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) storeToken(null);
      setMe(null);
      return null;
    }
  }, []);

  useEffect(() => {
    void Promise.all([
      api<Instance>('/api/v2/instance', { token: null })
        .then(setInstance)
        .catch(() => undefined),
      refresh(),
    ]).finally(() => setLoading(false));
  }, [refresh]);

  const value = useMemo(() => ({ me, instance, loading, refresh, setMe, unread, setUnread }), [me, instance, loading, refresh, unread]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
