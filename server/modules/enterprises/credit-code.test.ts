import { describe, expect, it } from 'vitest';
import {
  buildCreditCode, creditCheckChar, creditCodeProblem, industryCodeProblem, isValidCreditCode, normalizeCreditCode, orgCheckChar, overridable,
} from './credit-code.js';

// Codes published on the companies' own sites and in the national enterprise credit system.
const PUBLIC_VALID = [
  '914403001922038216', // 华为投资控股有限公司
  '91440300708461136T', // 华为技术有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司 (organisation check character X)
  '91110108551385082Q', // 小米科技有限责任公司
  '91350100M000100Y43', // the standard's own worked example (Fujian, letters in the organisation code)
];

describe('GB 32100 统一社会信用代码', () => {
  it.each(PUBLIC_VALID)('accepts the public code %s', (c) => {
    expect(creditCodeProblem(c)).toBeNull();
    expect(isValidCreditCode(c)).toBe(true);
  });

  it('computes the check character of the worked example (9135010 0M000100Y4 → 3)', () => {
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCheckChar('9144030071526726X')).toBe('G');
  });

  it('a check value of 31 wraps to 0 and 30 is Y', () => {
    // Search the 17-character prefixes of one area for both edge values: the rule must give '0' and 'Y' somewhere.
    const seen = new Set<string>();
    for (let n = 0; n < 400 && seen.size < 31; n++) seen.add(creditCheckChar(`9199012100${String(n).padStart(6, '0')}1`));
    expect(seen.has('0')).toBe(true);
    expect(seen.has('Y')).toBe(true);
  });

  it('refuses a wrong check character and says which one was expected', () => {
    expect(creditCodeProblem('914403001922038217')).toEqual({ kind: 'check', expected: '6', got: '7' });
    expect(creditCodeProblem('91330100716105852G')).toMatchObject({ kind: 'check', expected: 'F' });
    // A transposition of two digits is caught by the weights.
    expect(creditCodeProblem('914403001922038126')?.kind).toBe('check');
  });

  it('refuses wrong length and characters the standard leaves out (I, O, S, V, Z) or a bad area code', () => {
    expect(creditCodeProblem('91440300192203821')).toEqual({ kind: 'length', length: 17 });
    expect(creditCodeProblem('9144030019220382166')).toEqual({ kind: 'length', length: 19 });
    expect(creditCodeProblem('9144030019220382IO')).toEqual({ kind: 'shape' });
    expect(creditCodeProblem('91440S001922038216')).toEqual({ kind: 'shape' }); // letter in the area code
    expect(creditCodeProblem('01440300192203821' + '6')).toEqual({ kind: 'shape' }); // 登记管理部门 0 does not exist
    expect(creditCodeProblem('')).toEqual({ kind: 'length', length: 0 });
  });

  it('normalizes pasted codes (spaces, lower case)', () => {
    expect(normalizeCreditCode(' 9144 0300 7152 6726xg ')).toBe('9144030071526726XG');
  });
});

describe('GB 11714 组织机构代码 inside the credit code', () => {
  it('computes the organisation check character, with X for 10 and 0 for 11', () => {
    expect(orgCheckChar('19220382')).toBe('1');
    expect(orgCheckChar('71526726')).toBe('X');
    expect(orgCheckChar('M000100Y')).toBe('4');
    const all = new Set<string>();
    for (let n = 0; n < 200; n++) all.add(orgCheckChar(String(10000000 + n * 7919)));
    expect(all.has('0')).toBe(true);
    expect(all.has('X')).toBe(true);
  });

  it('a code whose GB 32100 check holds but whose organisation check fails is refused as orgCheck (overridable)', () => {
    // 华为's organisation code 19220382-1 with a wrong check 2, the GB 32100 character recomputed so that only GB 11714 fails.
    const first17 = '91440300192203822';
    const code = first17 + creditCheckChar(first17);
    const p = creditCodeProblem(code);
    expect(p).toEqual({ kind: 'orgCheck', expected: '1', got: '2' });
    expect(overridable(p)).toBe(true);
    expect(overridable(creditCodeProblem('914403001922038217'))).toBe(true);
    expect(overridable(creditCodeProblem('9144030019220382'))).toBe(false);
    expect(overridable(null)).toBe(false);
  });

  it('buildCreditCode makes codes that pass both checks', () => {
    for (let i = 0; i < 50; i++) {
      const c = buildCreditCode('91', '990121', `MA${String(100000 + i * 37).slice(0, 6)}`);
      expect(creditCodeProblem(c), c).toBeNull();
    }
  });
});

describe('GB/T 4754 industry code shape', () => {
  it.each(['C', '13', '131', '1311', 'C13', 'C3311'])('accepts %s', (c) => expect(industryCodeProblem(c)).toBe(false));
  it.each(['', 'Z', '1', '13111', 'c13', '制造业'])('refuses %s', (c) => expect(industryCodeProblem(c)).toBe(true));
});
