// The web app's translations: French says everything English says, with the same placeholders, and
// every key the code asks for exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Plural forms differ by language (French has "many"); the message keys must not. */
const messages = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();

const EN = flatten(en as Tree);
const FR = flatten(fr as Tree);

describe('web app translations', () => {
  it('has the same messages in English and French', () => {
    const english = messages(EN);
    const french = messages(FR);
    assert.deepEqual(
      [...english].filter((k) => !french.has(k)),
      [],
      'missing in French',
    );
    assert.deepEqual(
      [...french].filter((k) => !english.has(k)),
      [],
      'only in French',
    );
  });

  it('gives every plural message the forms each language needs', () => {
    const forms = { en: new Intl.PluralRules('en').resolvedOptions().pluralCategories, fr: new Intl.PluralRules('fr').resolvedOptions().pluralCategories };
    for (const [name, table] of [
      ['en', EN],
      ['fr', FR],
    ] as const) {
      const plural = new Set([...table.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      for (const base of plural) for (const form of forms[name]) assert.ok(table.has(`${base}_${form}`), `${name}: ${base}_${form}`);
    }
  });

  it('keeps the placeholders of every message, and leaves none empty', () => {
    for (const [key, text] of FR) {
      assert.ok(text.trim(), `fr ${key} is empty`);
      const english = EN.get(key) ?? EN.get(key.replace(PLURAL, '_other'));
      assert.ok(english !== undefined, key);
      assert.deepEqual(placeholders(text), placeholders(english), `placeholders of ${key}`);
    }
  });

  it('has every key the code asks for', () => {
    const root = path.join(import.meta.dirname, '../../web/src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));
    const used = new Set<string>();
    for (const file of files) {
      for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    assert.ok(used.size > 50, 'found the keys in the code');
    const english = messages(EN);
    assert.deepEqual(
      [...used].filter((k) => !english.has(k)),
      [],
    );
  });
});
