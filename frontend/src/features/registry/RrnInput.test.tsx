import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { RrnInput } from './RrnInput';

function Harness() {
  const [digits, setDigits] = useState('');
  return (
    <>
      <label htmlFor="rrn">주민등록번호</label>
      <RrnInput id="rrn" value={digits} onChange={setDigits} />
      <output data-testid="digits">{digits}</output>
    </>
  );
}

describe('RrnInput', () => {
  it('shows the number masked after the 7th digit while the digits are kept', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByLabelText('주민등록번호');
    await user.type(input, '9001011234567');
    expect(input).toHaveValue('900101-1******');
    expect(screen.getByTestId('digits')).toHaveTextContent('9001011234567');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(input).toHaveAttribute('inputmode', 'numeric');
  });

  it('never holds more than 13 digits, and Backspace removes the last one', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByLabelText('주민등록번호');
    await user.type(input, '90010112345678');
    expect(screen.getByTestId('digits')).toHaveTextContent(/^9001011234567$/);
    await user.type(input, '{Backspace}{Backspace}');
    expect(input).toHaveValue('900101-1****');
    expect(screen.getByTestId('digits')).toHaveTextContent(/^90010112345$/);
  });

  it('takes a pasted number with a hyphen', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByLabelText('주민등록번호');
    await user.click(input);
    await user.paste('850315-2012345');
    expect(input).toHaveValue('850315-2******');
    expect(screen.getByTestId('digits')).toHaveTextContent('8503152012345');
  });
});
