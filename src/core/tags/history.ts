// A hashtag's use over the last seven days, from the daily counts fan-out keeps (store/tags/history).
import type { Db } from '../../store/db.ts';
import { tagDaysOf } from '../../store/tags/history.ts';
import type { HistoryDay } from './deps.ts';

const DAYS = 7;
const DAY_MS = 86_400_000;

/** The week's days (UTC), newest first, as the store writes them and as seconds. */
function week(now: number): { key: string; day: number }[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: DAYS }, (_, i) => {
    const at = today - i * DAY_MS;
    return { key: new Date(at).toISOString().slice(0, 10), day: at / 1000 };
  });
}

export function createTagHistory(db: Db) {
  return {
    /** Each tag's week, newest day first; days without a use count zero. */
    async of(tagIds: readonly string[], now = Date.now()): Promise<Map<string, HistoryDay[]>> {
      const counted = new Map<string, { uses: number; accounts: number }>();
      for (const r of await tagDaysOf(db, tagIds)) counted.set(`${r.tagId} ${r.day}`, r);
      const days = week(now);
      return new Map(tagIds.map((id) => [id, days.map(({ key, day }) => ({ day, uses: counted.get(`${id} ${key}`)?.uses ?? 0, accounts: counted.get(`${id} ${key}`)?.accounts ?? 0 }))]));
    },
    /** A tag no post used yet: a week of nothing. */
    empty: (now = Date.now()): HistoryDay[] => week(now).map(({ day }) => ({ day, uses: 0, accounts: 0 })),
  };
}

export type TagHistory = ReturnType<typeof createTagHistory>;
