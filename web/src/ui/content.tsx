// A post's or bio's HTML as the server rendered (and sanitised) it; links to people and hashtags on
// this server open inside the app instead of leaving it.
import type { MouseEvent } from 'react';
import { useLocation } from 'wouter';

export function appPathFor(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href, location.origin);
  } catch {
    return null;
  }
  if (url.origin !== location.origin) return null;
  if (/^\/@[^/]+(\/\d+)?$/.test(url.pathname)) return `/web${url.pathname}`;
  if (url.pathname.startsWith('/tags/')) return `/web${url.pathname}`;
  if (/^\/events\/\d+$/.test(url.pathname)) return `/web${url.pathname}`;
  return null;
}

/** `dir`: the text's direction when its language says it (a post's versions), else the browser's guess */
export function Content({ html, className, lang, dir = 'auto' }: { html: string; className?: string; lang?: string | null | undefined; dir?: 'ltr' | 'rtl' | 'auto' }) {
  const [, navigate] = useLocation();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const path = appPathFor(link.href);
    if (path) {
      event.preventDefault();
      navigate(path);
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: the clicks come from the links inside (a delegated handler), which the keyboard reaches and activates like any link.
    <div
      className={className}
      lang={lang ?? undefined}
      dir={dir}
      onClick={onClick}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML (src/core/text/sanitize.ts) before sending it.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
