// The instance's rules and texts as Mastodon serialises them (Rule, PrivacyPolicy, TermsOfService,
// ExtendedDescription).
import type { InstanceRule } from '../../../config-instance.ts';
import type { InstanceText } from '../../../core/instance-texts.ts';

/** Rules are numbered from 1 in the order the operator wrote them. */
export const serializeRules = (rules: readonly InstanceRule[]) => rules.map((r, i) => ({ id: String(i + 1), text: r.text, hint: r.hint }));

export const serializeDatedText = (t: InstanceText) => ({ updated_at: t.updatedAt.toISOString(), content: t.html });

/** The day the terms took effect: the day their text last changed (Parley keeps one version). */
export const effectiveDate = (t: InstanceText): string => t.updatedAt.toISOString().slice(0, 10);

export const serializeTerms = (t: InstanceText) => ({ effective_date: effectiveDate(t), effective: true, content: t.html, succeeded_by: null });
