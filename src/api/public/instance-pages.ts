// The instance's own public pages: /about (description, rules, contact), /privacy-policy and
// /terms-of-service, where the instance entity's `urls` point.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Config } from '../../config.ts';
import type { InstanceText, InstanceTextName } from '../../core/instance-texts.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { PUBLIC_CSP, plainExcerpt, publicPage } from './html.ts';

const HEADERS = { 'Content-Security-Policy': PUBLIC_CSP, 'Cache-Control': 'public, max-age=300' };

function page(config: Config, path: string, title: string, description: string, body: string): string {
  return publicPage(
    {
      title: `${title} - ${config.instance.title}`,
      description,
      url: `${config.origin}${path}`,
      image: `${config.origin}/avatars/original/missing.png`,
      type: 'article',
      noindex: false,
      appPath: '/',
      siteName: config.instance.title,
    },
    body,
  );
}

const dated = (text: InstanceText, label: string) => `<p class="muted">${label} <time datetime="${text.updatedAt.toISOString()}">${text.updatedAt.toISOString().slice(0, 10)}</time></p>`;

function aboutPage(config: Config, description: InstanceText, rules: readonly { text: string; hint: string }[]): string {
  const ruleList = rules.length ? `<h2>Rules</h2><ol>${rules.map((r) => `<li>${e(r.text)}${r.hint ? `<br><span class="muted">${e(r.hint)}</span>` : ''}</li>`).join('')}</ol>` : '';
  const contact = config.instance.contactEmail ? `<p>Contact: <a href="mailto:${e(config.instance.contactEmail)}">${e(config.instance.contactEmail)}</a></p>` : '';
  const body = `<section class="card"><h1>${e(config.instance.title)}</h1><p class="muted" translate="no">${e(config.domain)}</p>${description.html}${ruleList}${contact}
<p><a href="/privacy-policy">Privacy policy</a> · <a href="/terms-of-service">Terms of service</a></p></section>`;
  return page(config, '/about', 'About', plainExcerpt(description.html), body);
}

export function instancePageRoutes(deps: ApiDeps) {
  const { config, core } = deps;
  const app = new Hono<AppEnv>();
  const texts = core.instanceTexts;

  app.get('/about', async (c) => c.html(aboutPage(config, await texts.text('extended_description'), texts.rules()), 200, HEADERS));

  const textPage = (name: InstanceTextName, path: string, title: string, label: string) => async (c: Context) => {
    const text = await texts.text(name);
    const body = `<section class="card"><h1>${e(title)}</h1>${dated(text, label)}${text.html}</section>`;
    return c.html(page(config, path, title, plainExcerpt(text.html), body), 200, HEADERS);
  };
  app.get('/privacy-policy', textPage('privacy_policy', '/privacy-policy', 'Privacy policy', 'Last updated'));
  app.get('/terms-of-service', textPage('terms_of_service', '/terms-of-service', 'Terms of service', 'In effect since'));
  return app;
}
