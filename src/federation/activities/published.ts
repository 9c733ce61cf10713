// What a new local status was published as: the Create of its Note, or the Announce of a reblog.
import type { Context } from '@fedify/fedify';
import type { Announce, Create } from '@fedify/vocab';
import type { Core } from '../../core/index.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { announceOf } from './announce.ts';
import { createOf } from './create.ts';
import { noteOf } from './note.ts';

export async function publishedOf(ctx: Context<void>, core: Core, view: StatusView): Promise<Create | Announce> {
  if (view.reblog) return announceOf(ctx, { ...view, reblog: view.reblog });
  return createOf(ctx, view.account.account.username, view.status.id, await noteOf(ctx, core, view));
}
