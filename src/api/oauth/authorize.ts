// The browser side of OAuth: sign in, see what an app asks for, authorise or deny.
import OAuth2Server from '@node-oauth/oauth2-server';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { z } from 'zod';
import { OOB_REDIRECT } from '../../core/auth/oauth.ts';
import { parseScopes, unknownScopes, withinScopes } from '../../core/auth/scopes.ts';
import { accessProblem } from '../../core/accounts/service.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { headerSafe, redirectTo } from '../header-values.ts';
import { params } from '../params.ts';
import { clientIp } from '../client-address.ts';
import type { SignInLimits } from '../sign-in-limits.ts';
import { codePage, consentPage, errorPage, pageHeaders, signInPage, type ConsentFields } from './pages.ts';
import type { OAuthServer } from './server.ts';
import { safeReturnPath, type Sessions } from './session.ts';
import { libRequest } from './token.ts';

const authorizeQuery = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1).optional(),
  response_type: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  force_login: z.string().optional(),
});

export function authorizeRoutes(deps: ApiDeps, server: OAuthServer, sessions: Sessions, signIns: SignInLimits) {
  const app = new Hono<AppEnv>();
  const shared: BrowserRouteDeps = {
    deps,
    sessions,
    // Forms posted from another site are refused (the browser's Origin header must be ours).
    sameOrigin: csrf({ origin: deps.config.origin }),
    answers: browserAnswers(deps.config.instance.title),
  };
  registerAuthorizeRoutes(app, shared, server);
  registerSignInRoutes(app, shared, signIns);
  return app;
}

/** How these routes answer a browser: a page (a form page's headers unless told), a redirect to sign in first, a problem. */
function browserAnswers(title: string) {
  const formPageHeaders = pageHeaders();
  const page = (c: Context, status: 200 | 400 | 401 | 403 | 429, body: Parameters<Context['html']>[0], headers = formPageHeaders) => c.html(body, status, headers);
  return {
    page,
    signIn: (c: Context, returnTo: string) => redirectTo(c, `/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`),
    problem: (c: Context, status: 400 | 403, message: string) => page(c, status, errorPage({ instanceTitle: title, title: 'Authorisation failed', message })),
  };
}

/** What the authorisation and the sign-in routes both use. */
interface BrowserRouteDeps {
  deps: ApiDeps;
  sessions: Sessions;
  sameOrigin: MiddlewareHandler;
  answers: ReturnType<typeof browserAnswers>;
}

/** The page where a user grants an app access, and its answer (a code for the app, or a denial). */
function registerAuthorizeRoutes(app: Hono<AppEnv>, shared: BrowserRouteDeps, server: OAuthServer): void {
  const { deps, sessions, sameOrigin } = shared;
  const { core, config } = deps;
  const { page, signIn, problem } = shared.answers;
  const title = config.instance.title;
  const consentPageHeaders = pageHeaders({ redirectsToApp: true });

  app.get('/oauth/authorize', async (c) => {
    const parsed = authorizeQuery.safeParse(await params(c));
    if (!parsed.success) return problem(c, 400, 'The request is missing its client_id.');
    const q = parsed.data;
    const client = await core.oauth.appByClientId(q.client_id);
    if (!client) return problem(c, 400, 'This application is unknown to this server.');
    const redirectUri = q.redirect_uri ?? client.redirectUris[0]!;
    if (!client.redirectUris.includes(redirectUri)) return problem(c, 400, 'The redirect URI is not one this application registered.');
    if ((q.response_type ?? 'code') !== 'code') return problem(c, 400, 'Only response_type=code is supported.');
    const scopes = parseScopes(q.scope ?? 'read');
    if (unknownScopes(scopes).length > 0 || !withinScopes(client.scopes, scopes)) {
      return problem(c, 400, `The requested scopes (${scopes.join(' ')}) are not all allowed for this application.`);
    }
    if (q.code_challenge_method && q.code_challenge_method !== 'S256') return problem(c, 400, 'Only the S256 code challenge method is supported.');

    const returnTo = `/oauth/authorize?${new URL(c.req.url).searchParams.toString().replace(/(^|&)force_login=[^&]*/, '')}`;
    const userId = q.force_login === 'true' ? undefined : await sessions.userId(c);
    if (q.force_login === 'true') await sessions.end(c);
    if (!userId) return signIn(c, returnTo);
    const found = await core.accounts.userById(userId);
    if (!found) {
      await sessions.end(c);
      return signIn(c, returnTo);
    }
    const fields: ConsentFields = {
      client_id: q.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopes.join(' '),
      state: q.state,
      code_challenge: q.code_challenge,
      code_challenge_method: q.code_challenge ? (q.code_challenge_method ?? 'S256') : undefined,
    };
    c.header('Cache-Control', 'no-store');
    return page(c, 200, consentPage({ instanceTitle: title, appName: client.name, website: client.website, username: found.account.username, fields }), consentPageHeaders);
  });

  app.post('/oauth/authorize', sameOrigin, async (c) => {
    const userId = await sessions.userId(c);
    const p = await params(c);
    if (!userId) return signIn(c, '/oauth/authorize');
    const response = new OAuth2Server.Response();
    try {
      await server.authorize(await libRequest(c), response, { authenticateHandler: { handle: () => ({ id: userId }) } });
    } catch (error) {
      // Errors the library could send back to the app arrive as a redirect; the others are shown here.
      if (!response.headers?.location) {
        const message = error instanceof OAuth2Server.OAuthError ? error.message : 'Something went wrong.';
        if (!(error instanceof OAuth2Server.OAuthError)) console.error('[parley] authorize failed:', error);
        return problem(c, 400, message);
      }
    }
    const location = String(response.headers!.location);
    if (p.redirect_uri === OOB_REDIRECT) {
      const code = new URL(location).searchParams.get('code');
      if (code) return page(c, 200, codePage({ instanceTitle: title, code }));
      return problem(c, 403, 'Access was denied.');
    }
    return redirectTo(c, location);
  });
}

/** The browser's session with this server: sign in (limited per address and login), sign out. */
function registerSignInRoutes(app: Hono<AppEnv>, shared: BrowserRouteDeps, signIns: SignInLimits): void {
  const { deps, sessions, sameOrigin } = shared;
  const { core, config } = deps;
  const { page } = shared.answers;
  const title = config.instance.title;

  app.get('/auth/sign_in', async (c) => page(c, 200, signInPage({ instanceTitle: title, returnTo: safeReturnPath((await params(c)).return_to, config.origin) })));

  app.post('/auth/sign_in', sameOrigin, async (c) => {
    const p = await params(c);
    // The form carries what the page above made safe: a control character was put there by hand.
    if (typeof p.return_to === 'string') headerSafe(p.return_to, 'return_to');
    const returnTo = safeReturnPath(p.return_to, config.origin);
    const login = typeof p.login === 'string' ? p.login : '';
    const password = typeof p.password === 'string' ? p.password : '';
    const attempt = await signIns.attempt(clientIp(c), login);
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfter));
      return page(c, 429, signInPage({ instanceTitle: title, returnTo, login, error: 'Too many attempts. Please wait a few minutes and try again.' }));
    }
    const found = login && password ? await core.accounts.checkCredentials(login, password) : undefined;
    if (!found) {
      if (login && password) await attempt.failed();
      return page(c, 401, signInPage({ instanceTitle: title, returnTo, login, error: 'Invalid e-mail address, username or password.' }));
    }
    const blocked = accessProblem(found.user, found.account, config);
    if (blocked) return page(c, 403, signInPage({ instanceTitle: title, returnTo, login, error: `${blocked}.` }));
    await sessions.start(c, found.user.id);
    return redirectTo(c, returnTo);
  });

  app.post('/auth/sign_out', sameOrigin, async (c) => {
    await sessions.end(c);
    return redirectTo(c, '/auth/sign_in');
  });
}
