// Discovery: the profile directory, follow suggestions and familiar followers; one file per verb,
// their SQL in store/discovery (each query says what it costs).
import { createDirectory } from './directory.ts';
import type { DiscoveryDeps } from './deps.ts';
import { createDismissSuggestion } from './dismiss-suggestion.ts';
import { createFamiliarFollowers } from './familiar-followers.ts';
import { createSuggestions } from './suggestions.ts';

export type { FamiliarFollowers } from './familiar-followers.ts';
export type { Suggestion, SuggestionSource } from './suggestions.ts';

export function createDiscovery(deps: DiscoveryDeps) {
  return {
    ...createDirectory(deps),
    ...createSuggestions(deps),
    ...createDismissSuggestion(deps),
    ...createFamiliarFollowers(deps),
  };
}

export type Discovery = ReturnType<typeof createDiscovery>;
