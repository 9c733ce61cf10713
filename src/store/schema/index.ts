export * from './accounts.ts';
export * from './instance.ts';
export * from './oauth.ts';
export * from './users.ts';
