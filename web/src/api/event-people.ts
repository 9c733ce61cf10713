// The calls for an event's people (docs/events.md): its participants, and a briefing's raised hands.
import { api } from './client.ts';
import type { Hand, Participant } from './event-types.ts';
import { BASE } from './events.ts';

export const getParticipants = (id: string) => api<Participant[]>(`${BASE}/${id}/participants`);

/** `acct` is `user` or `user@server`. */
export const addParticipant = (id: string, acct: string, role: Participant['role']) => api<Participant>(`${BASE}/${id}/participants`, { body: { acct, role } });

export const removeParticipant = (id: string, accountId: string) => api<unknown>(`${BASE}/${id}/participants/${accountId}`, { method: 'DELETE' });

/** Raises (true) or lowers (false) the viewer's hand. */
export const setHand = (id: string, up: boolean) => api<unknown>(`${BASE}/${id}/hand`, { method: up ? 'POST' : 'DELETE' });

export const getHands = (id: string) => api<Hand[]>(`${BASE}/${id}/hands`);

export const callOn = (id: string, accountId: string) => api<Hand>(`${BASE}/${id}/hands/${accountId}/call`, { method: 'POST' });
