// 重大项目推进 in the demo county: each project under way gets a milestone plan (most approved, some moved since, done
// ones flagged, overdue ones black), monthly reports for every month of the year so far (some filed late; some
// projects well behind 序时进度 → yellow and red), a few problems that open tasks, a site visit whose decisions
// become tasks, and one red project sent to the 督查室. Everything goes through the real services with the clock set
// to each step's day, so dates, late flags and the audit trail are genuine. Deterministic (seeded); runs after the
// project library's own demo (it works on whatever projects are there, and does nothing without any).
import type { Ctx } from '../context.js';
import type { Actor } from '../platform/access/actor.js';
import { loadActor } from '../platform/access/load-actor.js';
import type { Clock } from '../platform/clock.js';
import { approvePlan, createMilestone, updateMilestone } from '../modules/projects/milestones-service.js';
import { fileReport } from '../modules/projects/reports-service.js';
import { raiseProblem, referRedProject } from '../modules/projects/problems-service.js';
import { recordVisit } from '../modules/projects/visits-service.js';
import { projectLight } from '../modules/projects/traffic-light-read.js';
import { addMonths } from '../modules/projects/traffic-light-rules.js';
import { addDays } from '../platform/calendar/working-days.js';
import type { ProblemKind } from '../../common/project-labels.js';

class MovableClock implements Clock { t = new Date(); now() { return new Date(this.t); } }
function rng(seed: number) { let s = seed; return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; }; }

const PLAN: [string, number, number][] = [
  // title, start offset (days from the actual or planned start), duration (days)
  ['完成施工许可等前期手续', -60, 50],
  ['场地平整与基础施工', 0, 90],
  ['主体结构施工', 90, 150],
  ['设备安装与配套工程', 240, 100],
  ['竣工验收', 345, 30],
];
const PROGRESS = ['基础施工完成', '主体结构施工至第{n}层', '钢结构吊装完成{n}%', '配套管网铺设{n}米', '设备进场调试'];
const PROBLEMS: [ProblemKind, string][] = [
  ['land', '二期用地指标尚未落实，影响后续建设'],
  ['funds', '专项债资金到位滞后，工程款支付压力大'],
  ['utilities', '施工用电、用水接入尚未完成'],
  ['relocation', '项目红线内3户房屋征迁未完成'],
  ['approval', '环评批复尚未取得，影响开工'],
];

export async function seedDemoProjectTracking(ctx: Ctx, regionCode: string, log: (s: string) => void = () => {}): Promise<number> {
  const clock = new MovableClock();
  const c: Ctx = { ...ctx, clock };
  const rand = rng(20261130);
  const realToday = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = Number(realToday.slice(0, 4));
  const projects = await ctx.db.selectFrom('projects')
    .select(['id', 'name', 'stage', 'plannedStart', 'actualStart', 'leadUnitId', 'leaderUserId'])
    .where('regionCode', '=', regionCode).where('stage', 'in', ['preparation', 'construction']).orderBy('serial').limit(24).execute();
  if (!projects.length) { log('project tracking demo: no projects under way, nothing to add'); return 0; }
  const plans = new Map((await ctx.db.selectFrom('projectYearPlans').select(['projectId', 'plannedInvestment']).where('year', '=', year)
    .where('projectId', 'in', projects.map((p) => p.id)).execute()).map((r) => [r.projectId, r.plannedInvestment]));
  const users = await ctx.db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .select(['users.id', 'users.unitId', 'users.username', 'userRoles.role']).where('users.regionCode', '=', regionCode).execute();
  const supervisorId = users.find((u) => u.role === 'supervisor')?.id;
  if (!supervisorId) return 0;
  const actors = new Map<string, Actor>();
  const actor = async (id: string) => { if (!actors.has(id)) actors.set(id, (await loadActor(c, id, '127.0.0.1'))!); return actors.get(id)!; };
  const staffOf = (unitId: string) => users.find((u) => u.unitId === unitId && u.role === 'unit_staff')?.id ?? supervisorId;
  const leaderIds = new Set((await ctx.db.selectFrom('leaders').select('userId').where('regionCode', '=', regionCode).execute()).map((l) => l.userId));
  const at = (day: string, hour = 10) => { clock.t = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`); };
  const sup = await actor(supervisorId);
  let n = 0;

  for (const [i, p] of projects.entries()) {
    const staff = await actor(staffOf(p.leadUnitId));
    const anchor = p.actualStart ?? p.plannedStart ?? `${year}-03-01`;
    // Milestones, entered at the start of the year (or a month before the anchor), approved a week later.
    const entered = [`${year}-01-06`, addDays(anchor, -75)].sort()[0];
    at(entered, 9);
    const ms = [];
    for (const [title, off, dur] of PLAN) {
      const start = addDays(anchor, off); const end = addDays(start, dur);
      ms.push(await createMilestone(c, staff, p.id, { title, plannedStart: start, plannedEnd: end }));
    }
    if (i % 4 !== 3) { at(addDays(entered, 7), 15); await approvePlan(c, sup, p.id); }
    // Done milestones (a few days late or early); one project in three moved a later milestone since the approval.
    for (const m of ms) {
      let version = (i % 4 !== 3 ? 2 : 1);
      const behind = i % 3 === 2;
      if (m.plannedEnd < realToday && !(behind && rand() < 0.6)) {
        const doneOn = addDays(m.plannedEnd, Math.floor(rand() * 20) - 8);
        if (doneOn < realToday) { at(doneOn, 17); await updateMilestone(c, staff, p.id, m.id, { version, actualEnd: doneOn }); version++; }
      } else if (m.plannedEnd >= realToday && i % 3 === 1) {
        at(addDays(realToday, -20), 11);
        await updateMilestone(c, staff, p.id, m.id, { version, plannedEnd: addDays(m.plannedEnd, 30 + Math.floor(rand() * 30)), note: '受征迁影响顺延' });
        break;
      }
    }
    // Monthly reports: on pace, behind (yellow) or far behind (red), by project; filed between the 2nd and the 9th.
    const planned = plans.get(p.id) ?? 0;
    const pace = [1.02, 0.95, 0.72, 1.0, 0.45, 0.88][i % 6];
    const started = p.actualStart && p.actualStart <= realToday ? p.actualStart : null;
    if (planned > 0 && started) {
      const from = Math.max(1, started.slice(0, 4) === String(year) ? Number(started.slice(5, 7)) : 1);
      const lastMonth = Number(realToday.slice(5, 7)) - 1;
      let progress = 1;
      for (let m = from; m <= lastMonth; m++) {
        const period = `${year}-${String(m).padStart(2, '0')}`;
        const fileOn = `${addMonths(`${period}-01`, 1).slice(0, 7)}-${String(2 + Math.floor(rand() * 8)).padStart(2, '0')}`;
        if (fileOn > realToday) continue;
        // The year's plan spread over the months from the start; the pace decides the colour.
        const amount = Math.round((planned / (13 - from)) * pace * (0.8 + rand() * 0.4) * 100) / 100;
        at(fileOn, 16);
        progress += 1 + Math.floor(rand() * 2);
        await fileReport(c, staff, p.id, period, {
          amount, progressText: PROGRESS[Math.min(PROGRESS.length - 1, Math.floor((m - from) / 3))].replace('{n}', String(progress * (m % 2 ? 1 : 10))),
          problemsText: pace < 0.8 && rand() < 0.5 ? PROBLEMS[i % PROBLEMS.length][1] : null,
        });
        n++;
      }
    }
    // Problems on some projects, raised a few weeks ago.
    if (i % 3 === 2 || i === 0) {
      at(addDays(realToday, -18 - i), 10);
      const [kind, text] = PROBLEMS[i % PROBLEMS.length];
      await raiseProblem(c, staff, p.id, { kind, description: text });
    }
  }
  // A 现场办公 by the leader of the first project with a leader, two decisions becoming tasks.
  const visited = projects.find((p) => p.leaderUserId && leaderIds.has(p.leaderUserId));
  if (visited) {
    const units = await ctx.db.selectFrom('units').select(['id', 'name']).where('regionCode', '=', regionCode).where('name', 'like', '%自然资源%').limit(1).execute();
    const visitOn = addDays(realToday, -12);
    at(visitOn, 15);
    await recordVisit(c, await actor(visited.leaderUserId!), visited.id, {
      visitedOn: visitOn, attendees: '县发展和改革局、县自然资源和规划局、县住房和城乡建设局、项目业主单位', summary: '现场查看施工进度，听取项目推进情况汇报，协调解决用地和配套问题。',
      decisions: [
        { content: '抓紧完成二期用地报批，月底前取得用地批复', leadUnitId: units[0]?.id ?? visited.leadUnitId, deadline: addDays(realToday, 20) },
        { content: '协调供电部门完成施工用电增容', leadUnitId: visited.leadUnitId, deadline: addDays(realToday, 30) },
      ],
    });
  }
  // One red project sent to the 督查室.
  at(addDays(realToday, -2), 10);
  for (const p of projects) {
    const l = await projectLight(c, sup, p.id);
    if (l.light === 'red') { await referRedProject(c, sup, p.id, { note: '请督查室跟踪督办' }); break; }
  }
  log(`project tracking demo: ${projects.length} projects, ${n} monthly reports`);
  return n;
}
