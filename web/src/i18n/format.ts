// Dates and numbers in the reader's language, through Intl.
import { useTranslation } from 'react-i18next';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** `round`: how a count of units is made whole (what has passed counts whole units; what is to come may round). */
export function relativeTime(iso: string, locale: string, now = Date.now(), round: (n: number) => number = Math.trunc): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return format.format(round(seconds / size), unit);
  return format.format(0, 'second');
}

/** A length of time in its largest whole unit: "5 minutes", "3 days" (poll durations). */
export function duration(seconds: number, locale: string): string {
  const [unit, size] = UNITS.find(([, size]) => seconds >= size && seconds % size === 0) ?? ['second', 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
}

export function fullDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A day without its time (announcements that last whole days). */
export function fullDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    number: (n: number) => new Intl.NumberFormat(locale, { notation: n >= 10_000 ? 'compact' : 'standard' }).format(n),
    /** a share from 0 to 1, as a whole percentage */
    percent: (share: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    relative: (iso: string) => relativeTime(iso, locale),
    /** a time to come, to the nearest unit: a poll of three days ends "in 3 days" from its first second */
    until: (iso: string) => relativeTime(iso, locale, Date.now(), Math.round),
    duration: (seconds: number) => duration(seconds, locale),
    date: (iso: string) => fullDate(iso, locale),
    day: (iso: string) => fullDay(iso, locale),
    languageName: (code: string) => {
      try {
        return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}
