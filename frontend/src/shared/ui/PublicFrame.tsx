import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

interface Props {
  /** The line beside the brand mark (e.g. 복지 행정, 증명서 진위확인). */
  subtitle: string;
  /** Class names of the main region and of its card: the sign-in and the verification layouts differ. */
  mainClass: string;
  cardClass: string;
  children: ReactNode;
}

/** The frame of the screens outside sign-in (sign-in itself, public verification): brand, language, one card. */
export function PublicFrame({ subtitle, mainClass, cardClass, children }: Props) {
  return (
    <div className="login">
      <header className="login__top">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            이음
          </span>
          <span className="brand__name">{subtitle}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className={mainClass}>
        <div className={cardClass}>{children}</div>
      </main>
    </div>
  );
}
