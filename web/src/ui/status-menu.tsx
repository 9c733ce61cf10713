// A post's "more" menu: edit and delete (the viewer's own posts), its edit history, its public page.
// Opened, it takes the focus, and closes on Escape or on a click anywhere else.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../api/types.ts';
import { Icon } from './icons.tsx';

interface Props {
  shown: Status;
  mine: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onHistory: () => void;
}

export function StatusMenu({ shown, mine, onEdit, onDelete, onHistory }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('button:not(:disabled), a')?.focus();
    const close = (event: MouseEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [open]);
  /** Each choice closes the menu first. */
  const choose = (then: () => void) => () => {
    setOpen(false);
    then();
  };

  return (
    <div className="menu-wrap">
      <button type="button" className="action" aria-haspopup="true" aria-expanded={open} aria-label={t('status.more')} onClick={() => setOpen(!open)}>
        <Icon name="more" />
      </button>
      {open && (
        <ul className="menu" ref={menuRef} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {mine && (
            <li>
              <button type="button" onClick={choose(onEdit)}>
                {t('status.edit')}
              </button>
            </li>
          )}
          {mine && (
            <li>
              <button type="button" className="danger" onClick={choose(onDelete)}>
                {t('status.delete')}
              </button>
            </li>
          )}
          <li>
            <button type="button" onClick={choose(onHistory)} disabled={!shown.edited_at}>
              {t('status.history')}
            </button>
          </li>
          <li>
            <a href={shown.url ?? shown.uri} onClick={() => setOpen(false)}>
              {t('status.publicPage')}
            </a>
          </li>
        </ul>
      )}
    </div>
  );
}
