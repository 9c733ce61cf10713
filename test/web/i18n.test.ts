// The web app's translations: every language says everything English says and nothing more, with the
// same placeholders and the plural forms its rules need; every key the code asks for exists; and the
// browser's preferences pick the right language.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LANGUAGES, matchLanguage } from '../../web/src/i18n/languages.ts';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;
const DIR = path.join(import.meta.dirname, '../../web/src/i18n');

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Plural forms differ by language (French has "many", Arabic six forms); the message keys must not. */
const messages = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]!).sort();
const pluralBases = (m: Map<string, string>) => new Set([...m.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));

const load = (code: string) => flatten(JSON.parse(fs.readFileSync(path.join(DIR, `${code}.json`), 'utf8')) as Tree);
const EN = load('en');
const TABLES = Object.keys(LANGUAGES).map((code) => [code, load(code)] as const);

describe('web app translations', () => {
  it('has one file per language of the picker, and no other', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    assert.deepEqual(files.sort(), Object.keys(LANGUAGES).sort());
  });

  for (const [code, table] of TABLES) {
    describe(code, () => {
      it('has every message of English, and no other', () => {
        const english = messages(EN);
        const own = messages(table);
        assert.deepEqual(
          [...english].filter((k) => !own.has(k)),
          [],
          `missing in ${code}`,
        );
        assert.deepEqual(
          [...own].filter((k) => !english.has(k)),
          [],
          `only in ${code}`,
        );
      });

      it('gives every plural message exactly the forms its plural rules name', () => {
        const forms = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
        assert.deepEqual([...pluralBases(table)].sort(), [...pluralBases(EN)].sort(), 'the same messages are plural');
        for (const base of pluralBases(EN)) {
          const present = [...table.keys()].filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k)).map((k) => PLURAL.exec(k)![1]);
          assert.deepEqual(present.sort(), [...forms].sort(), `${code}: forms of ${base}`);
        }
      });

      it('keeps the placeholders of every message, and leaves none empty', () => {
        for (const [key, text] of table) {
          assert.ok(text.trim(), `${code} ${key} is empty`);
          const english = EN.get(key) ?? EN.get(key.replace(PLURAL, '_other'))!;
          const own = placeholders(text);
          // A singular or dual form may leave the number unsaid ("منشوران", two posts), as English's
          // "a post" would; the general form says everything, and no form invents a placeholder.
          if (PLURAL.test(key) && !key.endsWith('_other'))
            assert.ok(
              own.every((p) => placeholders(english).includes(p)),
              `placeholders of ${code} ${key}`,
            );
          else assert.deepEqual(own, placeholders(english), `placeholders of ${code} ${key}`);
        }
      });
    });
  }

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

  it('picks the language from the browser preferences', () => {
    assert.equal(matchLanguage('ar-EG'), 'ar');
    assert.equal(matchLanguage('fr-CA'), 'fr');
    assert.equal(matchLanguage('th'), 'th');
    assert.equal(matchLanguage('zh-CN'), 'zh-Hans');
    assert.equal(matchLanguage('zh'), 'zh-Hans');
    assert.equal(matchLanguage('zh-SG'), 'zh-Hans');
    assert.equal(matchLanguage('zh-TW'), undefined, 'Traditional Chinese is not Simplified');
    assert.equal(matchLanguage('de-DE'), undefined);
    assert.equal(matchLanguage('not a tag'), undefined);
  });
});
