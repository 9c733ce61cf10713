import pkg from '../package.json' with { type: 'json' };

export const PARLEY_VERSION: string = pkg.version;
/** Apps enable features by the Mastodon version they see; Parley implements the 4.5 API surface. */
export const MASTODON_COMPAT_VERSION = `4.5.0 (compatible; Parley ${PARLEY_VERSION})`;
export const SOURCE_URL = 'https://github.com/parley-social/parley';
