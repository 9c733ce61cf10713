// A modal dialog on the native <dialog> element: focus is trapped and Escape closes it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** `wide`: as wide as the window allows (a picture full size) */
export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className={`dialog${wide ? ' wide' : ''}`} aria-labelledby="dialog-title" onClose={onClose} onCancel={onClose}>
      <header className="dialog-header">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
