import { describe, expect, it } from 'vitest';
import { checkUscc, normalizeUscc, usccCheckChar, usccOnlyCheckCharWrong } from './uscc.js';

// Charset value table (index = value):
//   0-9 → 0-9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30
// Weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
//
// Hand derivations (C18 = 31 - (S mod 31), 31 → 0):
//
// 91110000802100433B
//   S = 9*1 + 1*3 + 1*9 + 1*27 + 0 + 0 + 0 + 0 + 8*20 + 0*29 + 2*25 + 1*13 + 0*8 + 0*24 + 4*10 + 3*30 + 3*28
//     = 9 + 3 + 9 + 27 + 160 + 50 + 13 + 40 + 90 + 84 = 485
//   485 mod 31 = 485 - 465 = 20 → 31 - 20 = 11 → 'B'
//
// 9144030071526726XG
//   S = 9*1 + 1*3 + 4*9 + 4*27 + 0*19 + 3*26 + 0*16 + 0*17 + 7*20 + 1*29 + 5*25 + 2*13 + 6*8 + 7*24 + 2*10 + 6*30 + X(29)*28
//     = 9 + 3 + 36 + 108 + 78 + 140 + 29 + 125 + 26 + 48 + 168 + 20 + 180 + 812 = 1782
//   1782 mod 31 = 1782 - 1767 = 15 → 31 - 15 = 16 → 'G'
//
// 91350100M000100Y43
//   S = 9*1 + 1*3 + 3*9 + 5*27 + 0*19 + 1*26 + 0*16 + 0*17 + M(21)*20 + 0 + 0 + 0 + 1*8 + 0 + 0 + Y(30)*30 + 4*28
//     = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640
//   1640 mod 31 = 1640 - 1612 = 28 → 31 - 28 = 3 → '3'
//
// 9111000080210043L0 (synthetic, exercises the 31 → 0 rule)
//   Same as the first vector except position 17: S = 485 - 3*28 + L(20)*28 = 485 - 84 + 560 = 961 = 31*31
//   961 mod 31 = 0 → 31 - 0 = 31 → 0 → '0'

const VALID = [
  '91110000802100433B',
  '9144030071526726XG',
  '91350100M000100Y43',
  '91440300708461136T',
  '9111000080210043L0',
];

describe('usccCheckChar', () => {
  it('matches hand-derived check characters', () => {
    expect(usccCheckChar('91110000802100433')).toBe('B');
    expect(usccCheckChar('9144030071526726X')).toBe('G');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('9111000080210043L')).toBe('0');
  });

  it('throws on malformed input', () => {
    expect(() => usccCheckChar('9111000080210043')).toThrow(RangeError);
    expect(() => usccCheckChar('91110000802100433B')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000080210043I')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000080210043l')).toThrow(RangeError);
  });
});

describe('normalizeUscc', () => {
  it('trims, uppercases and converts full-width characters', () => {
    expect(normalizeUscc('  9144030071526726xg ')).toBe('9144030071526726XG');
    expect(normalizeUscc('９１１１００００８０２１００４３３Ｂ')).toBe('91110000802100433B');
    expect(normalizeUscc('\u300091350100m000100y43\u3000')).toBe('91350100M000100Y43');
  });
});

describe('checkUscc', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkUscc(code)).toBeNull();
  });

  it('accepts un-normalized input of a valid code', () => {
    expect(checkUscc(' 9144030071526726xg ')).toBeNull();
    expect(checkUscc('９１１１００００８０２１００４３３Ｂ')).toBeNull();
  });

  it('rejects empty input', () => {
    expect(checkUscc('')).toBe('请填写统一社会信用代码');
    expect(checkUscc('   ')).toBe('请填写统一社会信用代码');
  });

  it('rejects wrong length', () => {
    expect(checkUscc('91110000802100433')).toMatch(/18位/);
    expect(checkUscc('91110000802100433B0')).toMatch(/18位/);
    // 15-digit legacy business registration number
    expect(checkUscc('110000000000000')).toMatch(/18位/);
  });

  it('rejects characters outside the charset (I, O, S, V, Z, punctuation)', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '-', '*']) {
      expect(checkUscc(`9111000080210043${bad}B`)).toMatch(/非法字符/);
    }
  });

  it('rejects a wrong check character', () => {
    expect(checkUscc('91110000802100433C')).toBe('统一社会信用代码校验位错误');
    expect(checkUscc('9144030071526726XH')).toBe('统一社会信用代码校验位错误');
    expect(checkUscc('91350100M000100Y44')).toBe('统一社会信用代码校验位错误');
    expect(checkUscc('9111000080210043LA')).toBe('统一社会信用代码校验位错误');
  });

  it('rejects transposed / altered body characters', () => {
    // swap positions 9 and 10 of the first vector: '80' → '08'
    expect(checkUscc('91110000082100433B')).toBe('统一社会信用代码校验位错误');
  });

  it('rejects an invalid registration authority code', () => {
    // 'B' is in the charset but not an authority code; check char is irrelevant here
    expect(checkUscc('B1110000802100433B')).toMatch(/登记管理部门/);
    expect(checkUscc('01110000802100433B')).toMatch(/登记管理部门/);
  });

  it('rejects a non-numeric administrative division code', () => {
    expect(checkUscc('911A0000802100433B')).toMatch(/行政区划/);
  });
});

describe('codes whose only fault is the check character (early pilot regions)', () => {
  const PILOT = ['91350211M0000XUF46', '91350100M0001TGQXM', '91350203M0001FUE2P', '91350211M00013FA1N'];
  it('are recognised as such', () => {
    for (const code of PILOT) {
      expect(checkUscc(code)).toBe('统一社会信用代码校验位错误');
      expect(usccOnlyCheckCharWrong(code)).toBe(true);
      expect(usccOnlyCheckCharWrong(code.toLowerCase())).toBe(true);
    }
  });
  it('does not cover any other fault, nor a valid code', () => {
    expect(usccOnlyCheckCharWrong('91110000802100433B')).toBe(false); // valid
    expect(usccOnlyCheckCharWrong('91350211M0000XUF4')).toBe(false); // 17 chars
    expect(usccOnlyCheckCharWrong('91350211M0000XUFI6')).toBe(false); // I is not in the charset
    expect(usccOnlyCheckCharWrong('B1350211M0000XUF46')).toBe(false); // authority code
    expect(usccOnlyCheckCharWrong('913A0211M0000XUF46')).toBe(false); // division code
  });
});
