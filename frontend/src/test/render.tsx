import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { createQueryClient } from '../app/App';
import { I18nProvider } from '../shared/i18n/I18nProvider';
import type { Lang } from '../shared/i18n/messages';

/** Renders with the providers the screens expect (language, query cache, router). */
export function renderWithProviders(ui: ReactElement, options: { lang?: Lang; route?: string } = {}): RenderResult {
  const client = createQueryClient();
  return render(
    <I18nProvider lang={options.lang ?? 'ko'}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[options.route ?? '/']}>{ui}</MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

export function jsonResponse(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function problemResponse(body: Record<string, unknown>): Response {
  return jsonResponse(body, Number(body.status), 'application/problem+json');
}
