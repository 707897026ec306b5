import { describe, expect, it } from 'vitest';
import { bankName, payDayCause } from './labels';
import { isMonth, nextMonth, yearOf } from './month';
import { isStalled, isWorking } from './runState';
import { RUN, running } from './testFixtures';

describe('months', () => {
  it('proposes the month after today, across the year end', () => {
    expect(nextMonth('2026-12-03')).toBe('2027-01');
    expect(nextMonth('2027-01-31')).toBe('2027-02');
    expect(nextMonth('2027-09-01')).toBe('2027-10');
  });

  it('takes YYYY-MM only, and knows the years the pay-day calendar covers', () => {
    expect(isMonth('2027-02')).toBe(true);
    expect(isMonth('2027-13')).toBe(false);
    expect(isMonth('2027-2')).toBe(false);
    expect(yearOf('2027-02')).toBe(2027);
    expect(yearOf('2024-12')).toBeNull();
    expect(yearOf('')).toBeNull();
  });
});

describe('pay days and banks', () => {
  it('says why a pay day moved without repeating the legal day', () => {
    expect(payDayCause('2027-02-20 토요일', '2027-02-20')).toBe('토요일');
    expect(payDayCause('2026-09-25 추석', '2026-09-25')).toBe('추석');
    expect(payDayCause('임시공휴일', '2026-09-25')).toBe('임시공휴일');
  });

  it('names a bank by its 금융기관 코드, and shows an unknown code as it is', () => {
    expect(bankName('004')).toBe('KB국민은행');
    expect(bankName('999')).toBe('999');
    expect(bankName(null)).toBeNull();
  });
});

describe('run state', () => {
  it('waits for chunks still queued, not for a completed run nor one stalled on failures', () => {
    expect(isWorking(running(0, 3))).toBe(true);
    expect(isWorking(running(1, 3, 1))).toBe(true);
    expect(isWorking(running(2, 3, 1))).toBe(false);
    expect(isStalled(running(2, 3, 1))).toBe(true);
    expect(isWorking(RUN)).toBe(false);
    expect(isStalled(RUN)).toBe(false);
    expect(isWorking(undefined)).toBe(false);
  });
});
