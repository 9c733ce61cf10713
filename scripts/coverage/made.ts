// How the coverage world makes its records: users whose tokens may do anything, and calls whose
// record is kept only when they succeeded.
import { call } from '../../test/helpers/http.ts';

/** The probing users' tokens may do anything. */
export const ALL_SCOPES = 'read write follow push profile';

/** What the probe reads of the records it makes. */
export interface Made {
  id: string;
  url?: string;
  poll?: { id: string } | null;
  keywords?: { id: string }[];
  /** a collection comes wrapped */
  collection?: { id: string; items: { id: string }[] };
  params?: unknown;
}

/** The record a call made, when it succeeded. */
export async function made(base: string, path: string, token: string, json?: unknown): Promise<Made | undefined> {
  const r = await call<Made>(base, path, { token, ...(json === undefined ? {} : { json }) });
  return r.status >= 200 && r.status < 300 && r.body && typeof r.body === 'object' ? r.body : undefined;
}
