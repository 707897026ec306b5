import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProgramResult, SimulationResponse } from '../../api/types';
import { renderWithProviders } from '../../test/render';
import { SimulationResult } from './SimulationResult';

function program(partial: Partial<ProgramResult> & Pick<ProgramResult, 'program'>): ProgramResult {
  return {
    status: 'not_applicable',
    monthly_amount: 0,
    recognized_income: null,
    threshold: null,
    members: [],
    trace: [],
    ...partial,
  };
}

const RESULT: SimulationResponse = {
  as_of: '2026-05-01',
  household_size: 1,
  standard_median_income: 2564238,
  results: [
    program({
      program: 'livelihood',
      status: 'eligible',
      monthly_amount: 470556,
      recognized_income: 350000,
      threshold: 820556,
      trace: [
        { step: '근로소득 공제율', value: '30%', reference: '국민기초생활 보장법 시행령 제5조의2', effective_from: '2025-01-01' },
        { step: '소득평가액', value: 350000, reference: '국민기초생활 보장법 제6조의3' },
        {
          step: '생계급여 선정기준액',
          value: 820556,
          reference: '국민기초생활 보장법 제8조②',
          effective_from: '2026-01-01',
          uncertain: '고시 원문 확인 전',
        },
      ],
    }),
    program({ program: 'medical', status: 'eligible', monthly_amount: null, grade: 2, recognized_income: 350000 }),
    program({
      program: 'basic_pension',
      status: 'eligible',
      monthly_amount: 559520,
      members: [
        { member_id: 'm1', status: 'eligible', monthly_amount: 279760, amount_pending_confirmation: false },
        { member_id: 'm2', status: 'eligible', monthly_amount: 279760, amount_pending_confirmation: false },
      ],
    }),
    program({ program: 'education', status: 'ineligible' }),
  ],
};

describe('SimulationResult', () => {
  it('lists every program with its outcome and amounts in won with separators', () => {
    renderWithProviders(<SimulationResult result={RESULT} memberLabel={(id) => `가구원 ${id.slice(1)}`} />);
    const overview = screen.getByRole('table', { name: '급여별 결과' });
    const livelihood = within(overview).getByRole('row', { name: /생계급여/ });
    expect(livelihood).toHaveTextContent('수급 가능');
    expect(livelihood).toHaveTextContent('470,556원');
    expect(livelihood).toHaveTextContent('820,556원');
    expect(within(overview).getByRole('row', { name: /의료급여/ })).toHaveTextContent('2종');
    expect(within(overview).getByRole('row', { name: /교육급여/ })).toHaveTextContent('수급 불가');
    expect(screen.getByText('2,564,238원')).toBeInTheDocument();
  });

  it('shows per-member amounts', () => {
    renderWithProviders(<SimulationResult result={RESULT} memberLabel={(id) => `가구원 ${id.slice(1)}`} />);
    const members = screen.getByRole('table', { name: '기초연금 가구원별 금액' });
    expect(within(members).getByRole('row', { name: /가구원 1/ })).toHaveTextContent('279,760원');
    expect(within(members).getAllByRole('row')).toHaveLength(3);
  });

  it('shows the trace with legal references, 시행일 and an 불확실 badge', () => {
    renderWithProviders(<SimulationResult result={RESULT} memberLabel={(id) => id} />);
    const trace = screen.getByRole('table', { name: '생계급여 계산 과정' });
    const rows = within(trace).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('30%');
    expect(rows[1]).toHaveTextContent('국민기초생활 보장법 시행령 제5조의2');
    expect(rows[1]).toHaveTextContent('2025. 1. 1.');
    expect(rows[2]).toHaveTextContent('350,000');
    expect(rows[3]).toHaveTextContent('불확실');
    expect(rows[3]).toHaveTextContent('고시 원문 확인 전');
    expect(rows[2]).not.toHaveTextContent('불확실');
  });

  it('speaks English when asked', () => {
    renderWithProviders(<SimulationResult result={RESULT} memberLabel={(id) => id} />, { lang: 'en' });
    const overview = screen.getByRole('table', { name: 'Results by benefit' });
    expect(within(overview).getByRole('row', { name: /Livelihood benefit/ })).toHaveTextContent('₩470,556');
    expect(screen.getByText('Uncertain')).toBeInTheDocument();
  });
});
