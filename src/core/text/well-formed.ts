// Text Parley stores must be well-formed Unicode: a lone UTF-16 surrogate (JSON can carry one as
// "\uD800") cannot be written as UTF-8. PostgreSQL refuses it in jsonb (the whole write fails) and
// the driver silently turns it into U+FFFD in text columns. One rule, two answers:
// - text a person sends us is refused, naming the field (the doors do that with `isWellFormedText`);
// - text another server sends cannot be sent back for correction: lone surrogates become U+FFFD.

/** Why text is refused (the door puts the field's name in front). */
export const NOT_WELL_FORMED = 'is not valid Unicode text (it holds a lone UTF-16 surrogate or bytes that are not UTF-8)';

export function isWellFormedText(text: string): boolean {
  return text.isWellFormed();
}

/** Remote text made storable: each lone surrogate becomes U+FFFD. */
export function wellFormedText(text: string): string {
  return text.toWellFormed();
}

/** Remote text made storable and cut to `max` UTF-16 units, without cutting a character in two. */
export function clipText(text: string, max: number): string {
  const whole = text.toWellFormed();
  if (whole.length <= max) return whole;
  const cut = whole.slice(0, max);
  // A high surrogate last: its pair was cut off.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
