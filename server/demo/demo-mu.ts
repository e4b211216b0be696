// Demo 亩均 evaluation for the demo county, through the real services in the name of a 亩均 office member: the 2024
// scheme (the 黄岩 2022 rules: fixed benchmarks) evaluated and published, and the 2025 scheme (benchmarks derived as
// the group's total over total, each item capped at 2 × its weight) with a few bonus/deduction inputs, evaluated and
// published. Runs after the enterprises demo (it needs the registry and the office setting); deterministic.
import type { Ctx } from '../context.js';
import { loadActor } from '../platform/access/load-actor.js';
import { getSetting } from '../platform/settings.js';
import { huangyan2022Scheme, type SchemeDefinition } from '../modules/mu/rules.js';
import { createScheme, putAdjustment } from '../modules/mu/service.js';
import { createRun, publishRun } from '../modules/mu/runs.js';

export function demoScheme2025(): SchemeDefinition {
  const def = huangyan2022Scheme();
  for (const g of def.groups) {
    for (const ind of g.indicators) {
      ind.benchmark = { mode: 'groupRatio' };
      ind.cap = 2;
    }
  }
  return def;
}

export async function seedDemoMu(ctx: Ctx, regionCode: string, log: (s: string) => void = () => {}): Promise<number> {
  const have = await ctx.db.selectFrom('muSchemes').select('id').where('regionCode', '=', regionCode).limit(1).executeTakeFirst();
  if (have) return 0;
  const offices = await getSetting(ctx, 'mu.officeUnitIds');
  const member = offices.length ? await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select('users.id').where('users.unitId', 'in', offices).where('users.regionCode', '=', regionCode)
    .where('userRoles.role', 'in', ['unit_admin', 'unit_staff']).orderBy('users.username').limit(1).executeTakeFirst() : undefined;
  if (!member) { log('demo 亩均 evaluation skipped: no 亩均 office member (setting mu.officeUnitIds)'); return 0; }
  const actor = (await loadActor(ctx, member.id, '127.0.0.1'))!;
  const firms = await ctx.db.selectFrom('enterprises').select(['id', 'aboveScale']).where('regionCode', '=', regionCode).orderBy('creditCode').execute();
  if (!firms.length) { log('demo 亩均 evaluation skipped: no enterprises'); return 0; }

  const s24 = await createScheme(ctx, actor, { year: 2024, name: '示例县2024年度工业企业亩均效益综合评价办法', definition: huangyan2022Scheme() as never });
  const r24 = await createRun(ctx, actor, s24.id);
  await publishRun(ctx, actor, r24.id);

  const s25 = await createScheme(ctx, actor, { year: 2025, name: '示例县2025年度工业企业亩均效益综合评价办法', definition: demoScheme2025() as never });
  const above = firms.filter((f) => f.aboveScale);
  const pick = (i: number) => above[i % Math.max(1, above.length)]!.id;
  const inputs: [string, string, number, string][] = [
    [pick(3), 'hightech', 1, '国家高新技术企业（2024年认定）'],
    [pick(11), 'hightech', 1, '国家高新技术企业'],
    [pick(17), 'safety', 1, '较大生产安全事故（应急管理局通报）'],
    [pick(5), 'env_violation', 1, '严重环境违法行为（生态环境局行政处罚）'],
  ];
  for (const [enterpriseId, itemKey, quantity, note] of inputs) await putAdjustment(ctx, actor, { year: 2025, enterpriseId, itemKey, quantity, note });
  const r25 = await createRun(ctx, actor, s25.id);
  await publishRun(ctx, actor, r25.id);
  log(`demo 亩均 evaluation: 2024 (${r24.evaluatedCount} evaluated) and 2025 (${r25.evaluatedCount} evaluated) published`);
  return 2;
}
