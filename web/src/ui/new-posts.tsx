// The button behind which new posts wait while the reader is further down, and the line that
// announces them to screen readers.
import { useTranslation } from 'react-i18next';

export function NewPosts({ count, onShow }: { count: number; onShow: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {count > 0 && (
        <div className="new-posts">
          <button type="button" className="button" onClick={onShow}>
            {t('timeline.newPosts', { count })}
          </button>
        </div>
      )}
      <div className="visually-hidden" aria-live="polite">
        {count > 0 ? t('timeline.newPosts', { count }) : ''}
      </div>
    </>
  );
}
