import { useI18n } from './context';
import { LANGS, type Lang } from './messages';

const NAMES: Record<Lang, string> = { ko: '한국어', en: 'English' };

/** Korean / English, as a pair of toggle buttons. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')}>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="lang-switch__button"
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {NAMES[code]}
        </button>
      ))}
    </div>
  );
}
