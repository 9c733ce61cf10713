// The instance's own texts: its rules, privacy policy and terms of service, each from a plain-text
// file the operator writes (read once, at start). There is no markdown library among Parley's
// dependencies: texts are plain paragraphs (a blank line between them, links made clickable).
import fs from 'node:fs';
import { z } from 'zod';

export interface InstanceRule {
  text: string;
  hint: string;
}

export interface InstanceTexts {
  /** in order; an empty list when no file is given */
  rules: InstanceRule[];
  /** plain text; null: Parley's default, made for the instance (see core/instance-texts) */
  privacyPolicy: string | null;
  termsOfService: string | null;
}

export const instanceEnv = {
  PARLEY_INSTANCE_RULES_FILE: z.string().optional(),
  PARLEY_PRIVACY_POLICY_FILE: z.string().optional(),
  PARLEY_TERMS_FILE: z.string().optional(),
};

type InstanceEnv = { [K in keyof typeof instanceEnv]?: string | undefined };

/**
 * Rules, one a line; a line that starts with spaces or tabs goes on the rule above as its hint
 * (longer words on what the rule means). Blank lines and lines starting with # are left out.
 */
export function parseRules(text: string): InstanceRule[] {
  const rules: InstanceRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const last = rules.at(-1);
    if (/^\s/.test(line) && last) last.hint = last.hint ? `${last.hint} ${line.trim()}` : line.trim();
    else rules.push({ text: line.trim(), hint: '' });
  }
  return rules;
}

/** The texts named by the environment, or the problems reading them (each file must be readable). */
export function instanceTexts(env: InstanceEnv): InstanceTexts | string[] {
  const problems: string[] = [];
  const read = (name: keyof InstanceEnv): string | null => {
    const file = env[name];
    if (!file) return null;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return null;
    }
  };
  const rules = read('PARLEY_INSTANCE_RULES_FILE');
  const texts = { rules: rules === null ? [] : parseRules(rules), privacyPolicy: read('PARLEY_PRIVACY_POLICY_FILE'), termsOfService: read('PARLEY_TERMS_FILE') };
  return problems.length > 0 ? problems : texts;
}
