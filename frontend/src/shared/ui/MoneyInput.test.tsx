import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { MoneyInput } from './MoneyInput';

function Amount({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="amount">금액</label>
      <MoneyInput id="amount" value={value} onChange={setValue} />
      <output>{value}</output>
    </>
  );
}

describe('MoneyInput', () => {
  it('shows separators when left, and the whole amount selected when entered again', () => {
    renderWithProviders(<Amount initial="300000" />);
    const input = screen.getByLabelText<HTMLInputElement>('금액');
    expect(input).toHaveValue('300,000');
    act(() => input.focus());
    expect(input).toHaveValue('300000');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 6]);
  });

  it('replaces the amount with what is typed after focusing it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Amount initial="300000" />);
    const input = screen.getByLabelText<HTMLInputElement>('금액');
    act(() => input.focus());
    await user.keyboard('320000');
    expect(screen.getByRole('status')).toHaveTextContent('320000');
    await user.tab();
    expect(input).toHaveValue('320,000');
  });
});
