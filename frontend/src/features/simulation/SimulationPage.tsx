import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createApiClient } from '../../api/client';
import { call } from '../../api/problem';
import type { SimulationRequest, SimulationResponse } from '../../api/types';
import { fieldMessages, messagesByField, problemText } from '../../shared/errors';
import { todayInKorea } from '../../shared/format';
import { useT } from '../../shared/i18n/context';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useSession } from '../auth/useSession';
import { relationLabel } from '../registry/labels';
import { useSigungu } from '../registry/reference';
import { fieldLabel } from './fieldLabels';
import { initialForm, memberId, toRequest, type SimulationForm as Form } from './model';
import { SimulationForm, simFieldId } from './SimulationForm';
import { SimulationResult } from './SimulationResult';

// 모의계산 is public: no token, nothing stored; the request carries no identifiers.
const publicApi = createApiClient();

export function SimulationPage() {
  const t = useT();
  const { me } = useSession();
  const sigungu = useSigungu();
  const [form, setForm] = useState<Form>(() => initialForm(todayInKorea(), me?.sigungu_code ?? '11110'));
  // The members as they were when the answer was computed (the form may have changed since).
  const [asked, setAsked] = useState<Form | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const simulate = useMutation({
    mutationFn: (body: SimulationRequest): Promise<SimulationResponse> =>
      call(() => publicApi.POST('/api/v1/simulations', { body })),
  });
  const messages = fieldMessages(simulate.error, t);
  const byField = messagesByField(messages);
  const summary = simulate.error ? problemText(simulate.error, t) : null;

  useEffect(() => {
    if (simulate.data) resultRef.current?.focus();
  }, [simulate.data]);

  const run = () => {
    setAsked(form);
    simulate.mutate(toRequest(form));
  };

  const memberLabel = (id: string) => {
    const index = (asked?.members ?? []).findIndex((_, i) => memberId(i) === id);
    const member = asked?.members[index];
    if (!member) return id;
    return `${t('sim.member', { n: index + 1 })} · ${relationLabel(t, member.relation)} (${member.birth_date})`;
  };

  const labelOf = (field: string): string | null => fieldLabel(field, t);

  return (
    <>
      <PageTitle title={t('sim.title')}>{t('sim.title')}</PageTitle>
      <p className="muted">{t('sim.lead')}</p>
      <ErrorSummary
        messages={messages}
        summary={summary}
        focusKey={simulate.error}
        controlId={(field) => (document.getElementById(simFieldId(field)) ? simFieldId(field) : null)}
        labelOf={labelOf}
      />
      <div className="sim-layout">
        <SimulationForm
          value={form}
          onChange={setForm}
          onSubmit={run}
          errors={byField}
          sigungu={sigungu.data}
          busy={simulate.isPending}
        />
        <section className="sim-results" aria-labelledby="sim-results-title">
          <h2 id="sim-results-title" tabIndex={-1} ref={resultRef}>
            {t('sim.results')}
          </h2>
          <div aria-live="polite" aria-busy={simulate.isPending}>
            {simulate.data ? (
              <SimulationResult result={simulate.data} memberLabel={memberLabel} />
            ) : (
              <p className="muted">{simulate.isPending ? t('sim.running') : t('sim.noResult')}</p>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
