import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type UiLanguage } from '../i18n/index.ts';

/** For visitors who are not signed in (the signed-in choose in settings). */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <div className="field inline">
      <label htmlFor="ui-language">{t('settings.language')}</label>
      <select id="ui-language" className="select" value={i18n.language} onChange={(e) => void setLanguage(e.target.value as UiLanguage)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
