// A masto.js client reading as someone (or no one) whose app asks for languages: Accept-Language
// sent with every request, as a browser or a Mastodon app on a phone set to that language does.
import { createRestAPIClient, type mastodon } from 'masto';

export function readerClient(url: string, token?: string, acceptLanguage?: string): mastodon.rest.Client {
  return createRestAPIClient({
    url,
    ...(token ? { accessToken: token } : {}),
    ...(acceptLanguage ? { requestInit: { headers: { 'Accept-Language': acceptLanguage } } } : {}),
  });
}
