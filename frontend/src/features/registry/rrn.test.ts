import { describe, expect, it } from 'vitest';
import { applyRrnEdit, maskRrn } from './rrn';

describe('maskRrn', () => {
  it('shows the first seven digits and masks the rest', () => {
    expect(maskRrn('')).toBe('');
    expect(maskRrn('900101')).toBe('900101');
    expect(maskRrn('9001011')).toBe('900101-1');
    expect(maskRrn('90010112')).toBe('900101-1*');
    expect(maskRrn('9001011234567')).toBe('900101-1******');
  });
});

describe('applyRrnEdit', () => {
  it('appends a typed digit at the end', () => {
    expect(applyRrnEdit('9001011', '900101-12', 9)).toEqual({ digits: '90010112', caret: 9 });
  });
  it('ignores what is not a digit and stops at 13 digits', () => {
    expect(applyRrnEdit('900101', '900101a', 7).digits).toBe('900101');
    expect(applyRrnEdit('9001011234567', '900101-1******8', 15).digits).toBe('9001011234567');
  });
  it('deletes the digit before the hyphen when Backspace removes the hyphen', () => {
    // "900101-1" with the caret after the hyphen: Backspace takes the 6th digit ("1").
    expect(applyRrnEdit('9001011', '9001011', 6, true)).toEqual({ digits: '900101', caret: 5 });
  });
  it('deletes a masked digit in the middle', () => {
    // "9001011234567" shown as "900101-1******"; Backspace after the 2nd star removes its digit, "3".
    expect(applyRrnEdit('9001011234567', '900101-1*****', 9, true)).toEqual({ digits: '900101124567', caret: 9 });
  });
  it('takes a pasted number with a hyphen', () => {
    expect(applyRrnEdit('', '900101-1234567', 14).digits).toBe('9001011234567');
  });
  it('clears everything when the field is emptied', () => {
    expect(applyRrnEdit('9001011234567', '', 0).digits).toBe('');
  });
});
