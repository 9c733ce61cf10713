// The Conversation entity (a viewer's thread of direct messages).
import type { ConversationView } from '../../../core/conversations/service.ts';
import { serializeAccount, type UrlContext } from './account.ts';
import { serializeStatus } from './status.ts';

export function serializeConversation(view: ConversationView, urls: UrlContext) {
  return {
    id: view.id,
    unread: view.unread,
    accounts: view.accounts.map((a) => serializeAccount(a, urls)),
    last_status: serializeStatus(view.lastStatus, urls),
  };
}
