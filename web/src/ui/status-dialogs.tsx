// The dialogs a post's "more" menu opens: editing it, and its edit history.
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { Compose } from './compose.tsx';
import { Dialog } from './dialog.tsx';
import { History } from './history.tsx';

export type StatusDialog = 'edit' | 'history';

interface Props {
  /** the post itself, not its boost */
  shown: Status;
  open: StatusDialog | null;
  onClose: () => void;
  update: (next: Status) => void;
}

export function StatusDialogs({ shown, open, onClose, update }: Props) {
  const { t } = useTranslation();
  if (open === 'edit')
    return (
      <Dialog title={t('status.editTitle')} onClose={onClose}>
        <Compose
          editing={shown}
          autoFocus
          onDone={(edited) => {
            onClose();
            update(edited);
          }}
        />
      </Dialog>
    );
  if (open === 'history')
    return (
      <Dialog title={t('status.historyTitle')} onClose={onClose}>
        <History id={shown.id} />
      </Dialog>
    );
  return null;
}
