// Where an account without its own avatar or header points (every door serves or links these).
export const DEFAULT_AVATAR_PATH = '/avatars/original/missing.png';
export const DEFAULT_HEADER_PATH = '/headers/original/missing.png';
