// Update: an edited local status (its Note again) or a changed profile (its Person again).
import type { Context } from '@fedify/fedify';
import { PUBLIC_COLLECTION, Update, type Note, type Question, type Person } from '@fedify/vocab';
import { MediaUpdate } from './attachment.ts';
import { activityUri } from '../uris.ts';

export function updateOfNote(ctx: Context<void>, username: string, note: Note | Question, editedAt: Date | null): Update {
  return new MediaUpdate({
    id: new URL(`${note.id!.href}#updates/${editedAt?.getTime() ?? Date.now()}`),
    actor: ctx.getActorUri(username),
    object: note,
    published: note.updated,
    tos: note.toIds,
    ccs: note.ccIds,
  });
}

export function updateOfPerson(ctx: Context<void>, username: string, person: Person): Update {
  return new Update({ id: activityUri(ctx, username, 'updates', String(Date.now())), actor: person.id, object: person, tos: [PUBLIC_COLLECTION] });
}
