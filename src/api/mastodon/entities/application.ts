import type { OAuthApp } from '../../../core/auth/oauth.ts';

export function serializeApplication(app: OAuthApp, vapidKey: string) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    vapid_key: vapidKey,
  };
}

export function serializeCredentialApplication(app: OAuthApp, vapidKey: string) {
  return {
    ...serializeApplication(app, vapidKey),
    client_id: app.clientId,
    client_secret: app.clientSecret,
    client_secret_expires_at: 0,
  };
}
