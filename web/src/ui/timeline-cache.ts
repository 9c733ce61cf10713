// Lists and scroll positions kept while the reader is on another screen, so that coming back finds
// them where they were.
import type { Status } from '../api/types.ts';

export interface KeptTimeline {
  items: Status[];
  next: string | null;
  scrollY: number;
}
const kept = new Map<string, KeptTimeline>();

export function keptTimeline(id: string): KeptTimeline | undefined {
  return kept.get(id);
}

export function keepTimeline(id: string, timeline: KeptTimeline): void {
  kept.set(id, timeline);
}

/** Forget cached lists (on sign-out, another person may sign in next). */
export function clearTimelines(): void {
  kept.clear();
}
