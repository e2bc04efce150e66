import { describe, expect, it } from 'vitest';
import { checkResidentId, normalizeResidentId, residentIdCheckChar } from './residentId.js';

// Weights W_i = 2^(17-i) mod 11: 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
// Check char = '10X98765432'[S mod 11]
//
// Hand derivations:
// 11010519491231002X
//   S = 1*7 + 1*9 + 0*10 + 1*5 + 0*8 + 5*4 + 1*2 + 9*1 + 4*6 + 9*3 + 1*7 + 2*9 + 3*10 + 1*5 + 0*8 + 0*4 + 2*2
//     = 7 + 9 + 5 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 4 = 167
//   167 mod 11 = 167 - 165 = 2 → 'X'
// 110105194912310011: the last sequence digit 2 → 1 lowers S by 2 → 165, mod 11 = 0 → '1'
// 110105194912310070: the last sequence digit 2 → 7 raises S by 10 → 177, mod 11 = 1 → '0'
// 110101199003074514
//   S = 7 + 9 + 0 + 5 + 0 + 4 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 32 + 20 + 2 = 206
//   206 mod 11 = 206 - 198 = 8 → '4'
// 11010120000229123X (2000-02-29, leap year divisible by 400)
//   S = 7 + 9 + 0 + 5 + 0 + 4 + 2*2 + 0 + 0 + 0 + 0 + 2*9 + 2*10 + 9*5 + 1*8 + 2*4 + 3*2
//     = 7 + 9 + 5 + 4 + 4 + 18 + 20 + 45 + 8 + 8 + 6 = 134
//   134 mod 11 = 134 - 132 = 2 → 'X'
// 44030019840229003 → S = 239, 239 mod 11 = 239 - 231 = 8 → '4'  (1984-02-29, leap year)
//   S = 4*7 + 4*9 + 0 + 3*5 + 0 + 0 + 1*2 + 9*1 + 8*6 + 4*3 + 0 + 2*9 + 2*10 + 9*5 + 0 + 0 + 3*2
//     = 28 + 36 + 15 + 2 + 9 + 48 + 12 + 18 + 20 + 45 + 6 = 239

const TODAY = new Date('2025-06-15T12:00:00+08:00');

describe('residentIdCheckChar', () => {
  it('matches hand-derived check characters', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('11010519491231001')).toBe('1');
    expect(residentIdCheckChar('11010519491231007')).toBe('0');
    expect(residentIdCheckChar('11010119900307451')).toBe('4');
    expect(residentIdCheckChar('11010120000229123')).toBe('X');
    expect(residentIdCheckChar('44030019840229003')).toBe('4');
  });

  it('throws on malformed input', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('normalizeResidentId', () => {
  it('trims, uppercases x and converts full-width characters', () => {
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeResidentId('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeResidentId('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });
});

describe('checkResidentId', () => {
  it.each([
    '11010519491231002X',
    '110105194912310011',
    '110105194912310070',
    '110101199003074514',
    '11010120000229123X',
    '440300198402290034',
  ])('accepts %s', (id) => {
    expect(checkResidentId(id, TODAY)).toBeNull();
  });

  it('accepts lowercase x and full-width input', () => {
    expect(checkResidentId('11010519491231002x', TODAY)).toBeNull();
    expect(checkResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toBeNull();
  });

  it('works with the default "today"', () => {
    expect(checkResidentId('11010519491231002X')).toBeNull();
  });

  it('rejects empty input and wrong length', () => {
    expect(checkResidentId('', TODAY)).toBe('请填写身份证号码');
    expect(checkResidentId('11010519491231002', TODAY)).toMatch(/18位/);
    expect(checkResidentId('11010519491231002X1', TODAY)).toMatch(/18位/);
    // legacy 15-digit number
    expect(checkResidentId('110105491231002', TODAY)).toMatch(/18位/);
  });

  it('rejects a bad charset', () => {
    expect(checkResidentId('1101051949123100XX', TODAY)).toMatch(/格式错误/);
    expect(checkResidentId('11010519491231002Y', TODAY)).toMatch(/格式错误/);
    expect(checkResidentId('11010519491231 02X', TODAY)).toMatch(/格式错误/);
  });

  it('rejects a wrong check character', () => {
    expect(checkResidentId('110105194912310021', TODAY)).toBe('身份证号码校验位错误');
    expect(checkResidentId('110101199003074515', TODAY)).toBe('身份证号码校验位错误');
    // 110101200002291234: S = 134 → 'X', so '4' is wrong
    expect(checkResidentId('110101200002291234', TODAY)).toBe('身份证号码校验位错误');
  });

  it('rejects an unknown province code', () => {
    expect(checkResidentId('10010519491231002X', TODAY)).toMatch(/省级代码/);
    expect(checkResidentId('99010519491231002X', TODAY)).toMatch(/省级代码/);
    expect(checkResidentId('72010519491231002X', TODAY)).toMatch(/省级代码/);
  });

  it('rejects a "0000" sub-province address code', () => {
    expect(checkResidentId('11000019491231002X', TODAY)).toMatch(/地址码无效/);
  });

  it('rejects impossible birth dates', () => {
    // 1900 is not a leap year (divisible by 100, not by 400)
    expect(checkResidentId('110105190002290011', TODAY)).toMatch(/出生日期无效/);
    // 2023 is not a leap year
    expect(checkResidentId('110105202302290011', TODAY)).toMatch(/出生日期无效/);
    expect(checkResidentId('110105194913010011', TODAY)).toMatch(/出生日期无效/);
    expect(checkResidentId('110105194900010011', TODAY)).toMatch(/出生日期无效/);
    expect(checkResidentId('110105194904310011', TODAY)).toMatch(/出生日期无效/);
    expect(checkResidentId('110105194912000011', TODAY)).toMatch(/出生日期无效/);
    expect(checkResidentId('110105194912320011', TODAY)).toMatch(/出生日期无效/);
  });

  it('enforces the 1900-01-01 .. today range', () => {
    // 18991231: before 1900
    expect(checkResidentId('110105189912310011', TODAY)).toMatch(/超出合理范围/);
    // 1900-01-01 itself is allowed. 11010519000101001:
    //   S = 1*7 + 1*9 + 0*10 + 1*5 + 0*8 + 5*4 + 1*2 + 9*1 + 0*6 + 0*3 + 0*7 + 1*9 + 0*10 + 1*5 + 0*8 + 0*4 + 1*2
    //     = 7 + 9 + 5 + 20 + 2 + 9 + 9 + 5 + 2 = 68;  68 mod 11 = 2 → 'X'
    expect(checkResidentId('11010519000101001X', TODAY)).toBeNull();
    // born "tomorrow" relative to TODAY (2025-06-16) → rejected; born on TODAY → accepted
    const tomorrow = `11010520250616001`;
    const onToday = `11010520250615001`;
    expect(checkResidentId(tomorrow + residentIdCheckChar(tomorrow), TODAY)).toMatch(/超出合理范围/);
    expect(checkResidentId(onToday + residentIdCheckChar(onToday), TODAY)).toBeNull();
  });

  it('interprets "today" in China Standard Time (UTC+8)', () => {
    const first17 = '11010520250615001';
    const id = first17 + residentIdCheckChar(first17);
    // 2025-06-14T16:30Z is already 2025-06-15 00:30 in Beijing
    expect(checkResidentId(id, new Date('2025-06-14T16:30:00Z'))).toBeNull();
    // 2025-06-14T15:30Z is still 2025-06-14 23:30 in Beijing
    expect(checkResidentId(id, new Date('2025-06-14T15:30:00Z'))).toMatch(/超出合理范围/);
  });
});
