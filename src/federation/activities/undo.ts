// Undo: withdraws an activity we sent (a like, a follow, a block), named after it, by the same actor.
import { Undo, type Block, type Follow, type Like } from '@fedify/vocab';

export const undoOf = (activity: Like | Follow | Block): Undo => new Undo({ id: new URL(`${activity.id!.href}/undo`), actor: activity.actorId, object: activity });
