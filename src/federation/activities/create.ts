// Create: a new local status, carrying its Note.
import type { Context } from '@fedify/fedify';
import type { Create, Note, Question } from '@fedify/vocab';
import { MediaCreate } from './attachment.ts';
import { statusActivityUri } from '../uris.ts';

export function createOf(ctx: Context<void>, username: string, statusId: string, note: Note | Question): Create {
  return new MediaCreate({
    id: statusActivityUri(ctx, username, statusId),
    actor: ctx.getActorUri(username),
    object: note,
    published: note.published,
    tos: note.toIds,
    ccs: note.ccIds,
  });
}
