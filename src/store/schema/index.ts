export * from './accounts.ts';
export * from './federation.ts';
export * from './instance.ts';
export * from './interactions.ts';
export * from './oauth.ts';
export * from './relations.ts';
export * from './statuses.ts';
export * from './users.ts';
