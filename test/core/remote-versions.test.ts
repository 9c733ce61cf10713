// The versions a remote post may bring in its contentMap (see core/statuses/remote-versions): held
// to the rules of local versions, the ones breaking them left out rather than the post refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedRemoteVersions, baseLanguage, sameRemoteVersions } from '../../src/core/statuses/remote-versions.ts';
import { MAX_VERSIONS } from '../../src/core/statuses/versions.ts';

const version = (language: string, contentHtml = `<p>in ${language}</p>`, spoilerText = '') => ({ language, contentHtml, spoilerText });

describe('versions of a remote post', () => {
  it('normalises language tags to their base code, and knows only real languages', () => {
    assert.equal(baseLanguage('pt-BR'), 'pt');
    assert.equal(baseLanguage('EN_us'), 'en');
    assert.equal(baseLanguage('zh-Hant-TW'), 'zh');
    assert.equal(baseLanguage('zz'), null);
    assert.equal(baseLanguage('english'), null);
    assert.equal(baseLanguage(''), null);
  });

  it("keeps each known language once, never the post's own, never blank, sorted, HTML sanitised", () => {
    const kept = acceptedRemoteVersions('en', [
      version('th', '<p>สวัสดี<script>alert(1)</script></p>', 'คำเตือน'),
      version('en-GB'),
      version('ar-EG'),
      version('ar'),
      version('qq'),
      version('fr', '<p> </p>'),
    ]);
    assert.deepEqual(
      kept.map((v) => v.language),
      ['ar', 'th'],
    );
    assert.equal(kept[0]!.contentHtml, '<p>in ar-EG</p>', 'the first of a language is kept');
    assert.doesNotMatch(kept[1]!.contentHtml, /script/);
    assert.equal(kept[1]!.spoilerText, 'คำเตือน');
    assert.equal(kept[1]!.text, '', 'remote posts have no source text');
  });

  it(`keeps at most ${MAX_VERSIONS}, and none when the post's own language is unknown`, () => {
    const many = ['ar', 'de', 'es', 'fa', 'fr', 'hi', 'it', 'ja', 'ko', 'pt', 'ru', 'th', 'zh'].map((l) => version(l));
    assert.equal(acceptedRemoteVersions('en', many).length, MAX_VERSIONS);
    assert.deepEqual(acceptedRemoteVersions(null, many), []);
    assert.deepEqual(acceptedRemoteVersions('zz', many), []);
    assert.deepEqual(acceptedRemoteVersions('en', undefined), []);
  });

  it('compares versions by what they say', () => {
    const a = acceptedRemoteVersions('en', [version('th'), version('ar')]);
    assert.ok(sameRemoteVersions(a, acceptedRemoteVersions('en-US', [version('ar'), version('th')])));
    assert.ok(!sameRemoteVersions(a, acceptedRemoteVersions('en', [version('th'), version('ar', '<p>other</p>')])));
    assert.ok(!sameRemoteVersions(a, acceptedRemoteVersions('en', [version('th'), version('ar', undefined, 'cw')])));
    assert.ok(!sameRemoteVersions(a, acceptedRemoteVersions('en', [version('th')])));
  });
});
