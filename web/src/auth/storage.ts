// What the app keeps in the browser: its registration as an OAuth client, and the user's token.
import type { App } from '../api/types.ts';

const APP = 'parley.app';
const TOKEN = 'parley.token';

export function storedApp(): App | null {
  try {
    const app = JSON.parse(localStorage.getItem(APP) ?? 'null') as App | null;
    // A copy registered for another address (the server moved) cannot be used here.
    return app && app.redirect_uri === redirectUri() ? app : null;
  } catch {
    return null;
  }
}

export function storeApp(app: App): void {
  localStorage.setItem(APP, JSON.stringify(app));
}

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN);
}

export function storeToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN, token);
  else localStorage.removeItem(TOKEN);
}

export function redirectUri(): string {
  return `${location.origin}/web/callback`;
}
