import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type UiLanguage } from '../i18n/index.ts';

/** The interface language: for visitors on the welcome screen, and in settings. */
export function LanguagePicker({ id = 'ui-language', inline = true }: { id?: string; inline?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={inline ? 'field inline' : 'field'}>
      <label htmlFor={id}>{t('settings.language')}</label>
      <select id={id} className="select" value={i18n.language} onChange={(e) => void setLanguage(e.target.value as UiLanguage)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code} dir={i18n.dir(code)}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
