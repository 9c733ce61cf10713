import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { parseRules } from '../../src/config-instance.ts';

describe('configuration', () => {
  it('has defaults that start a server on port 3000 with data in ./data', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.origin, 'http://localhost:3000');
    assert.equal(c.domain, 'localhost:3000');
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.registrations, 'open');
    assert.deepEqual(c.rateLimits.signUp, { points: 5, duration: 1800 });
  });

  it('reads the public origin and trims a trailing slash', () => {
    const c = loadConfig({ PARLEY_ORIGIN: 'https://parley.example/', PORT: '8080' });
    assert.equal(c.origin, 'https://parley.example');
    assert.equal(c.domain, 'parley.example');
    assert.equal(c.port, 8080);
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', PARLEY_RATE_LIMIT_API: 'lots', PARLEY_REGISTRATIONS: 'sometimes' }),
      (e: ConfigError) => {
        assert.ok(e instanceof ConfigError);
        assert.deepEqual(
          e.problems.map((p) => p.split(':')[0]),
          ['PORT', 'DATABASE_URL', 'PARLEY_REGISTRATIONS', 'PARLEY_RATE_LIMIT_API'],
        );
        return true;
      },
    );
    assert.throws(() => loadConfig({ PARLEY_ORIGIN: 'https://parley.example/sub' }), /origin only/);
  });

  it('trusts loopback proxies by default, reads a list of addresses and blocks, and names a bad entry', () => {
    assert.deepEqual(loadConfig({}).trustedProxies, [
      { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
    ]);
    assert.deepEqual(loadConfig({ PARLEY_TRUSTED_PROXIES: ' 10.0.0.0/8, fd00::/8 ,192.0.2.1' }).trustedProxies, [
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { address: 'fd00::', prefix: 8, family: 'ipv6' },
      { address: '192.0.2.1', prefix: 32, family: 'ipv4' },
    ]);
    assert.deepEqual(loadConfig({ PARLEY_TRUSTED_PROXIES: 'none' }).trustedProxies, []);
    assert.deepEqual(loadConfig({}).rateLimits.signInAccount, { points: 10, duration: 900 });
    for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0/8', '10.0.0.0/x', '127.0.0.1,']) {
      assert.throws(
        () => loadConfig({ PARLEY_TRUSTED_PROXIES: bad }),
        (e: ConfigError) => e.problems.length === 1 && /^PARLEY_TRUSTED_PROXIES: ".*" is not an IP address or CIDR block/.test(e.problems[0]!),
        bad,
      );
    }
  });

  it('turns machine translation on with a service address (and its key), and refuses an address that is none', () => {
    assert.deepEqual(loadConfig({}).translation, { url: undefined, apiKey: undefined });
    assert.deepEqual(loadConfig({ PARLEY_TRANSLATE_URL: 'https://translate.example/', PARLEY_TRANSLATE_API_KEY: 'k' }).translation, { url: 'https://translate.example', apiKey: 'k' });
    assert.throws(
      () => loadConfig({ PARLEY_TRANSLATE_URL: 'translate.example' }),
      (e: ConfigError) => e.problems.some((p) => p.startsWith('PARLEY_TRANSLATE_URL')),
    );
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).port, 3000);
  });

  it('runs more web processes only with Redis to share their state', () => {
    assert.equal(loadConfig({}).webProcesses, 1);
    assert.equal(loadConfig({ PARLEY_WEB_PROCESSES: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).webProcesses, 2);
    assert.throws(() => loadConfig({ PARLEY_WEB_PROCESSES: '2' }), /PARLEY_WEB_PROCESSES: more than one web process needs REDIS_URL/);
    assert.throws(() => loadConfig({ PARLEY_WEB_PROCESSES: '0' }), /PARLEY_WEB_PROCESSES/);
  });

  it('reads the instance texts from files, and names a file it cannot read', () => {
    const c = loadConfig({});
    assert.deepEqual([c.instance.rules, c.instance.privacyPolicy, c.instance.termsOfService], [[], null, null]);
    assert.deepEqual(parseRules('First rule\n\tits hint,\n  said on two lines\n# a comment\n\nSecond rule'), [
      { text: 'First rule', hint: 'its hint, said on two lines' },
      { text: 'Second rule', hint: '' },
    ]);
    assert.throws(() => loadConfig({ PARLEY_TERMS_FILE: '/nonexistent/terms.txt' }), /PARLEY_TERMS_FILE: cannot read \/nonexistent\/terms.txt \(ENOENT\)/);
  });
});
