// A year of 督查督办 in the demo county: tasks from every source, in every state and colour, made by replaying
// the loop through the real services with the clock set to each step's day (so the timeline and audit are genuine).
import type { Ctx } from '../context.js';
import type { Actor } from '../platform/access/actor.js';
import { loadActor } from '../platform/access/load-actor.js';
import { inTransaction } from '../context.js';
import { openTask } from '../modules/tasks/service.js';
import { act } from '../modules/tasks/actions.js';
import { loadCalendar } from '../modules/calendar/service.js';
import { refreshRag } from '../modules/tasks/rag-refresh.js';
import type { TaskCreateInput } from '../modules/tasks/schemas.js';
import type { Clock } from '../platform/clock.js';

const ITEMS: [string, string, TaskCreateInput['source']][] = [
  ['城关镇老旧小区改造（二期）', '县住房和城乡建设局', 'key_work'],
  ['城市主干道“白改黑”工程', '县住房和城乡建设局', 'key_work'],
  ['国土空间总体规划报批', '县自然资源和规划局', 'instruction'],
  ['闲置低效用地清理处置', '县自然资源和规划局', 'meeting'],
  ['审计发现问题整改销号', '县财政局', 'audit'],
  ['政府债务风险化解', '县财政局', 'instruction'],
  ['税收征管“以数治税”提升', '国家税务总局示例县税务局', 'key_work'],
  ['园林绿化提质增效', '县园林绿化服务中心', 'key_work'],
  ['市容环境综合整治', '县综合行政执法局', 'meeting'],
  ['人防工程易地建设费清缴', '县人民防空办公室', 'audit'],
  ['行政规范性文件合法性审查', '县司法局', 'key_work'],
  ['城投公司市场化转型', '县城市建设投资集团有限公司', 'meeting'],
  ['国有资产清查盘活', '县国有资产服务中心', 'instruction'],
  ['机关办公用房清理', '县机关事务服务中心', 'audit'],
  ['重点项目前期手续办理', '县发展和改革局', 'project_issue'],
  ['规上工业企业培育', '县经济和信息化局', 'key_work'],
  ['社会消费品零售额促进', '县商务局', 'meeting'],
  ['招商引资项目落地', '县投资促进中心', 'instruction'],
  ['农村人居环境整治', '县农业农村局', 'key_work'],
  ['小型水库除险加固', '县水利局', 'npc_suggestion'],
  ['农村公路安防工程', '县交通运输局', 'cppcc_proposal'],
  ['城区学校学位扩容', '县教育局', 'npc_suggestion'],
  ['县医院医共体建设', '县卫生健康局', 'cppcc_proposal'],
  ['食品安全示范创建', '县市场监督管理局', 'key_work'],
  ['安全生产专项整治', '县应急管理局', 'instruction'],
  ['中央环保督察反馈问题整改', '市生态环境局示例县分局', 'audit'],
  ['开发区标准厂房建设', '示例县经济开发区管委会', 'project_issue'],
  ['集镇污水管网建设', '东湖镇人民政府', 'meeting'],
  ['高标准农田建设', '西山乡人民政府', 'key_work'],
  ['背街小巷改造', '南塘街道办事处', 'npc_suggestion'],
  ['矛盾纠纷排查化解', '青石镇人民政府', 'instruction'],
  ['秸秆禁烧与综合利用', '柳河镇人民政府', 'meeting'],
  ['乡村振兴示范村建设', '桃源镇人民政府', 'key_work'],
  ['集中式饮用水水源地整治', '龙泉镇人民政府', 'audit'],
  ['城镇燃气管道老化更新', '城关镇人民政府', 'instruction'],
  ['“一网通办”事项梳理', '县政府办公室（县政府督查室）', 'key_work'],
];
const PHASES = ['（一季度）', '（二季度）', '（三季度）', '（四季度）'];

class MovableClock implements Clock { t = new Date(); now() { return new Date(this.t); } }

// A deterministic pseudo-random sequence: the demo is the same on every machine.
function rng(seed: number) { let s = seed; return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; }; }

export async function seedDemoTasks(ctx: Ctx, regionCode: string, log: (s: string) => void = () => {}): Promise<number> {
  const clock = new MovableClock();
  const c: Ctx = { ...ctx, clock };
  const cal = await loadCalendar(ctx);
  const rand = rng(20261129);
  const users = await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.unitId', 'userRoles.role', 'users.username']).where('users.regionCode', '=', regionCode).execute();
  const units = await ctx.db.selectFrom('units').select(['id', 'name']).where('regionCode', '=', regionCode).execute();
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const actorCache = new Map<string, Actor>();
  const actor = async (userId: string) => {
    if (!actorCache.has(userId)) actorCache.set(userId, (await loadActor(c, userId, '127.0.0.1'))!);
    return actorCache.get(userId)!;
  };
  const supervisorId = users.find((u) => u.username === 'duchashi')!.id;
  const staffOf = (unit: string) => users.find((u) => u.unitId === unit && u.role === 'unit_staff')?.id;
  const leaders = await ctx.db.selectFrom('leaders').innerJoin('leaderUnits', 'leaderUnits.leaderId', 'leaders.id').select(['leaders.userId', 'leaderUnits.unitId']).where('leaders.regionCode', '=', regionCode).execute();
  const leaderOf = (unit: string) => leaders.find((l) => l.unitId === unit)?.userId ?? null;
  const at = (day: string, hour = 10) => { clock.t = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`); };
  const realToday = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  let n = 0;

  for (const [pi, phase] of PHASES.entries()) {
    for (const [ii, [title, unitName, source]] of ITEMS.entries()) {
      if (rand() < 0.35) continue;
      const lead = unitId.get(unitName); const staff = lead && staffOf(lead);
      if (!lead || !staff) continue;
      const assignDay = cal.addWorkdays(`2026-${String(1 + pi * 3).padStart(2, '0')}-05`, Math.floor(rand() * 25));
      if (assignDay > realToday) continue;
      const deadline = cal.addWorkdays(assignDay, 25 + Math.floor(rand() * 60));
      const co = units.filter((u) => u.id !== lead && rand() < 0.04).slice(0, 2).map((u) => u.id);
      const cadence = (['once', 'monthly', 'monthly', 'fortnightly', 'weekly'] as const)[Math.floor(rand() * 5)];
      at(assignDay, 9);
      const sup = await actor(supervisorId);
      const id = await inTransaction(c, (trx) => openTask(c, trx, sup, {
        source, title: `${title}${phase}`, content: `按照县政府工作部署，${unitName}牵头抓好${title}，按期反馈进展，确保${phase.replace(/[（）]/g, '')}目标完成。`,
        sourceRef: source === 'instruction' ? `示政阅〔2026〕${10 + ii}号` : source === 'audit' ? `示审报〔2026〕${ii + 1}号` : null,
        sourceTitle: source === 'meeting' ? `县政府第${pi * 6 + 3}次常务会议` : null, sourceDate: assignDay,
        leaderUserId: leaderOf(lead), leadUnitId: lead, coUnitIds: co, level: rand() < 0.15 ? 'key' : 'normal',
        cadence, startDate: assignDay, deadline, needsLeaderSignoff: source === 'meeting' && !!leaderOf(lead),
      }));
      n++;
      let v = 1;
      const step = async (who: string, day: string, action: any, body: Record<string, unknown> = {}) => {
        if (day > realToday) return false;
        at(day, 10 + Math.floor(rand() * 6));
        const r = await act(c, await actor(who), id, action, { version: v, ...body });
        v = r.version; return true;
      };
      // Returned or not yet accepted: only work handed over in the last two weeks.
      const fate = cal.addWorkdays(assignDay, 10) >= realToday ? rand() : 1;
      if (fate < 0.06) { await step(staff, cal.addWorkdays(assignDay, 1), 'return', { reason: 'overlap', comment: '该事项主要职能在其他部门，建议调整牵头单位' }); continue; }
      if (fate < 0.1) continue; // not yet accepted
      await step(staff, cal.addWorkdays(assignDay, 1 + Math.floor(rand() * 2)), 'accept');
      // Reports along the way: diligent units report on time, some lag.
      const diligent = rand() > 0.25;
      let day = assignDay; let progress = 0;
      const span = cal.workdaysBetween(assignDay, deadline);
      for (let k = 1; k <= 6; k++) {
        day = cal.addWorkdays(assignDay, Math.floor((span * k) / 6) - 1);
        if (day > realToday || (!diligent && rand() < 0.5)) continue;
        progress = Math.min(100, progress + Math.floor((diligent ? 14 : 7) + rand() * 8));
        await step(staff, day, 'report', k > 1 && rand() < 0.2 ? { noChange: true } : { progress, comment: `已完成阶段工作，累计进度约${progress}%。` });
      }
      if (rand() < 0.12 && cal.addWorkdays(deadline, -3) <= realToday) {
        if (await step(staff, cal.addWorkdays(deadline, -3), 'request_extension', { extendTo: cal.addWorkdays(deadline, 20), comment: '受天气影响，申请延期' })) {
          await step(supervisorId, cal.addWorkdays(deadline, -2), rand() < 0.7 ? 'approve_extension' : 'deny_extension', { comment: '同意' });
        }
      }
      // Old work gets finished in the end, some of it late; recent work is still under way.
      const old = cal.addWorkdays(deadline, 30) < realToday;
      if ((diligent && progress >= 60) || (old && rand() < 0.85)) {
        const doneDay = cal.addWorkdays(deadline, diligent ? (rand() < 0.85 ? -2 : 3) : 5 + Math.floor(rand() * 10));
        if (await step(staff, doneDay, 'request_completion', { progress: 100, comment: '任务已完成，佐证材料见附件。' })) {
          await step(supervisorId, cal.addWorkdays(doneDay, 1), 'complete', { quality: 3 + Math.floor(rand() * 3) });
          const leaderId = leaderOf(lead);
          if (source === 'meeting' && leaderId) await step(leaderId, cal.addWorkdays(doneDay, 2), 'sign_off');
          if (rand() < 0.6) await step(supervisorId, cal.addWorkdays(doneDay, 3), 'close');
        }
      }
    }
  }
  // This week's new assignments, not yet accepted (the units' 待签收).
  for (const [k, [title, unitName, source]] of ITEMS.slice(0, 6).entries()) {
    const lead = unitId.get(unitName)!;
    const day = cal.addWorkdays(realToday, -(k % 3));
    at(day, 9);
    const sup = await actor(supervisorId);
    await inTransaction(c, (trx) => openTask(c, trx, sup, {
      source, title: `${title}（专项督查）`, content: `请${unitName}对照问题清单逐项整改，按期报送整改情况。`, leaderUserId: leaderOf(lead), leadUnitId: lead,
      level: k === 0 ? 'urgent' : 'key', cadence: 'fortnightly', startDate: day, deadline: cal.addWorkdays(day, 20),
    }));
    n++;
  }
  // Colours as of today, with the real clock.
  const open = await ctx.db.selectFrom('tasks').select('id').where('regionCode', '=', regionCode).execute();
  for (const t of open) await ctx.db.transaction().execute((trx) => refreshRag(ctx, trx, t.id, cal));
  log(`demo tasks seeded: ${n}`);
  return n;
}
