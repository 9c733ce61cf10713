// `parley announcements ...`: the administrator's announcements to every user (there is no admin API yet).
import { parseArgs } from 'node:util';
import type { ParleyApp } from '../app.ts';
import { UsageError } from './account.ts';

export const ANNOUNCEMENTS_USAGE = `parley announcements add --text <text> [--starts-at <date>] [--ends-at <date>] [--all-day]
                                          shown to every user from its start (now) to its end
parley announcements list                 every announcement, newest first
parley announcements remove <id>          gone from every screen at once`;

/** A date as given on the command line (ISO 8601: 2026-12-24 or 2026-12-24T18:00Z); undefined when absent. */
function dateOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} must be a date such as 2026-12-24 or 2026-12-24T18:00:00Z`);
  return at;
}

const shown = (d: Date | null) => (d ? d.toISOString() : '-');

export async function announcementsCommand(app: ParleyApp, args: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { text: { type: 'string' }, 'starts-at': { type: 'string' }, 'ends-at': { type: 'string' }, 'all-day': { type: 'boolean', default: false } },
  });
  const [action, id] = positionals;
  const { announcements } = app.core;
  if (action === 'add' && !id) {
    if (values.text === undefined) throw new UsageError('parley announcements add needs --text <text>');
    const made = await announcements.publish({
      text: values.text,
      startsAt: dateOption('starts-at', values['starts-at']),
      endsAt: dateOption('ends-at', values['ends-at']),
      allDay: values['all-day'],
    });
    out(`Published announcement ${made.id}${made.startsAt ? ` (from ${shown(made.startsAt)} to ${shown(made.endsAt)})` : ''}.`);
    return;
  }
  if (action === 'list' && !id) {
    for (const a of await announcements.all()) out(`${a.id}\t${shown(a.startsAt)}\t${shown(a.endsAt)}${a.allDay ? '\tall day' : ''}\t${a.text.replace(/\s+/g, ' ').slice(0, 60)}`);
    return;
  }
  if (action === 'remove' && id) {
    await announcements.remove(id);
    out(`Removed announcement ${id}.`);
    return;
  }
  throw new UsageError(ANNOUNCEMENTS_USAGE);
}
