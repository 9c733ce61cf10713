import { Temporal } from '@js-temporal/polyfill';

/** A Date as the Temporal.Instant Fedify's vocabulary takes. */
export const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
