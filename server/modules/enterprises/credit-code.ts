// 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 inside it (GB 11714-1997). Pure rules.
//   position 1      登记管理部门代码 (9 = 市场监管/工商, 1 = 机构编制, 5 = 民政, Y = 其他 …)
//   position 2      机构类别代码 (for 9: 1 企业, 2 个体工商户, 3 农民专业合作社)
//   positions 3–8   登记管理机关行政区划码 (6 digits)
//   positions 9–17  主体标识码 = 组织机构代码 (8 body characters + its GB 11714 check character)
//   position 18     GB 32100 check character
// Some early codes (e.g. from Fujian's pilot, 91350100M000100Y43) fail the embedded GB 11714 check although they were
// issued: the 亩均 office's administrator may accept such a code with a recorded reason (see service.ts).

/** The 31 characters of GB 32100 (no I, O, S, V, Z), in value order 0–30. */
export const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[1-9ANY][0-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 32100 check character for the first 17 characters. */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a GB 32100 character: ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character for an 8-character organisation code body (digits and upper-case letters). */
export function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) throw new Error(`not a GB 11714 character: ${c}`);
    sum += v * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export type CreditCodeProblem =
  | { kind: 'length'; length: number }
  | { kind: 'shape' }
  | { kind: 'check'; expected: string; got: string }
  | { kind: 'orgCheck'; expected: string; got: string };

/** Upper-cases and removes spaces (people paste codes with spaces or in lower case); other characters are kept. */
export function normalizeCreditCode(s: string): string {
  return s.replace(/[\s\u3000-]/g, '').toUpperCase();
}

/** null when the code is valid; otherwise the first problem found (shape before the checks; GB 32100 before GB 11714). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { kind: 'length', length: code.length };
  if (!SHAPE.test(code)) return { kind: 'shape' };
  const expected = creditCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { kind: 'check', expected, got: code[17] };
  const org = code.slice(8, 17);
  const orgExpected = orgCheckChar(org.slice(0, 8));
  if (orgExpected !== org[8]) return { kind: 'orgCheck', expected: orgExpected, got: org[8] };
  return null;
}

export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;

/** Problems an administrator may accept with a reason: the code has the right shape but a check character fails. */
export const overridable = (p: CreditCodeProblem | null) => !!p && (p.kind === 'check' || p.kind === 'orgCheck');

/** Message key and parameters for a problem (common/messages.ts). */
export function creditCodeMessage(p: CreditCodeProblem): { code: string; params: Record<string, unknown> } {
  switch (p.kind) {
    case 'length': return { code: 'enterprise.code.length', params: { length: p.length } };
    case 'shape': return { code: 'enterprise.code.shape', params: {} };
    case 'check': return { code: 'enterprise.code.check', params: { expected: p.expected, got: p.got } };
    case 'orgCheck': return { code: 'enterprise.code.orgCheck', params: { expected: p.expected, got: p.got } };
  }
}

/**
 * A valid code built from a registration prefix ('91' enterprise), a 6-digit area code and an 8-character
 * organisation body: both check characters computed. For the demo and tests.
 */
export function buildCreditCode(prefix2: string, area6: string, orgBody8: string): string {
  const org = orgBody8 + orgCheckChar(orgBody8);
  const first17 = prefix2 + area6 + org;
  return first17 + creditCheckChar(first17);
}

/** GB/T 4754-2017 industry code shape: a section letter (A–T) or a 2/3/4-digit class code (e.g. C, 13, 131, 1311). */
export function industryCodeProblem(code: string): boolean {
  return !/^([A-T]|[A-T]?\d{2,4})$/.test(code);
}
