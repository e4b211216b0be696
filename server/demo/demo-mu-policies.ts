// Demo 差别化政策 for the demo county, written through the policies service in the name of a 亩均 office member (the
// units of setting mu.officeUnitIds, seeded with the enterprises demo): the policies counties publish — 城镇土地使用税
// reduction by class, a D-class electricity surcharge rising with consecutive years in D, differential water prices,
// land supply priority, energy quota cuts for C and D.
import type { Ctx } from '../context.js';
import { loadActor } from '../platform/access/load-actor.js';
import { getSetting } from '../platform/settings.js';
import { createPolicy } from '../modules/mu/policies-service.js';
import type { MuPolicyCreateInput } from '../modules/mu/policies-schemas.js';

const term = (cls: 'A' | 'B' | 'C' | 'D', minYears: number, value: number | null, text: string | null = null) => ({ class: cls, minYears, value, text });

export function demoPolicies(firstYear: number): MuPolicyCreateInput[] {
  return [
    {
      name: '城镇土地使用税减免', body: '国家税务总局示例县税务局', kind: 'reduction', unit: '%', basis: '浙政办发〔2019〕62号', fromYear: firstYear, sortOrder: 10,
      note: 'A 类全额减免，B 类减免 80%，C、D 类不享受。', terms: [term('A', 1, 100), term('B', 1, 80)],
    },
    {
      name: 'D 类企业差别化电价', body: '国网示例县供电公司', kind: 'surcharge', unit: '元/千瓦时', basis: '示例县亩均论英雄改革实施意见', fromYear: firstYear, sortOrder: 20,
      note: '按连续评为 D 类的年数递增加价，第 3 年起按最高档执行。', terms: [term('D', 1, 0.1), term('D', 2, 0.2), term('D', 3, 0.3)],
    },
    {
      name: '差别化水价', body: '县水利局', kind: 'surcharge', unit: '元/立方米', fromYear: firstYear, sortOrder: 30,
      terms: [term('C', 1, 0.5), term('D', 1, 1.0), term('D', 3, 1.5)],
    },
    {
      name: '新增用地优先保障', body: '县自然资源和规划局', kind: 'priority', unit: null, fromYear: firstYear, sortOrder: 40,
      terms: [term('A', 1, null, '优先安排新增建设用地指标'), term('B', 1, null, '同等条件下优先供地')],
    },
    {
      name: '用能指标调控', body: '县发展和改革局', kind: 'restriction', unit: '%', fromYear: firstYear, sortOrder: 50,
      terms: [term('C', 1, 10), term('D', 1, 20), term('D', 2, 30)],
    },
  ];
}

/** Seeds the demo policies once (skipped when the county has policies already or no 亩均 office member exists). */
export async function seedDemoMuPolicies(ctx: Ctx, regionCode: string, firstYear: number, log: (s: string) => void = () => {}): Promise<number> {
  const have = await ctx.db.selectFrom('muPolicies').select('id').where('regionCode', '=', regionCode).limit(1).executeTakeFirst();
  if (have) return 0;
  const offices = await getSetting(ctx, 'mu.officeUnitIds');
  const member = offices.length ? await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select('users.id').where('users.unitId', 'in', offices).where('users.regionCode', '=', regionCode)
    .where('userRoles.role', 'in', ['unit_admin', 'unit_staff']).orderBy('users.username').limit(1).executeTakeFirst() : undefined;
  if (!member) { log('demo 亩均 policies skipped: no 亩均 office member (setting mu.officeUnitIds)'); return 0; }
  const actor = (await loadActor(ctx, member.id, '127.0.0.1'))!;
  let n = 0;
  for (const p of demoPolicies(firstYear)) { await createPolicy(ctx, actor, p); n++; }
  log(`demo 亩均 policies: ${n}`);
  return n;
}
