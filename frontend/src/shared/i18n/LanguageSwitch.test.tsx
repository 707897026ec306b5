import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useT } from './context';
import { I18nProvider } from './I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';

function Title() {
  const t = useT();
  return <h1>{t('nav.search')}</h1>;
}

describe('language switch', () => {
  it('is Korean by default and switches the screen to English and back', async () => {
    const user = userEvent.setup();
    render(
      <I18nProvider>
        <LanguageSwitch />
        <Title />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('대상자 검색');
    expect(document.documentElement.lang).toBe('ko');
    expect(screen.getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading')).toHaveTextContent('Find a person');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('group', { name: 'Screen language' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '한국어' }));
    expect(screen.getByRole('heading')).toHaveTextContent('대상자 검색');
  });

  it('remembers the choice (only the language) for the next visit', async () => {
    const user = userEvent.setup();
    const first = render(
      <I18nProvider>
        <LanguageSwitch />
        <Title />
      </I18nProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'English' }));
    first.unmount();
    render(
      <I18nProvider>
        <Title />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Find a person');
    expect(Object.keys(window.localStorage)).toEqual(['ieum.lang']);
  });
});
