// `parley trends ...`: reviewing trends while there is no admin API (PARLEY_TRENDS_REVIEW=manual).
import type { ParleyApp } from '../app.ts';
import type { TrendKind } from '../store/schema/index.ts';
import { UsageError } from './account.ts';

export const TRENDS_USAGE = `parley trends pending <status|tag|link>      what scores now without approval, best first
parley trends approve <status|tag|link> <id|name|url>   let it trend under PARLEY_TRENDS_REVIEW=manual`;

const KINDS: Record<string, TrendKind> = { status: 'status', statuses: 'status', tag: 'tag', tags: 'tag', link: 'link', links: 'link' };

export async function trendsCommand(app: ParleyApp, args: string[], out: (line: string) => void): Promise<void> {
  const [action, kindName = '', ref] = args;
  const kind = KINDS[kindName];
  if (!kind) throw new UsageError(TRENDS_USAGE);
  const { review } = app.core.trends;
  if (action === 'pending' && !ref) {
    for (const t of await review.pending(kind)) out(`${t.key}\t${t.score.toFixed(2)}`);
    return;
  }
  if (action === 'approve' && ref) {
    out(`Approved ${kind} ${await review.approve(kind, ref)}.`);
    return;
  }
  throw new UsageError(TRENDS_USAGE);
}
