// The demo county's project library: ~40 fictitious projects across stages, categories, townships, leaders and lead
// units, with their approvals (前期手续) and stage histories; deterministic (seeded random), through the library's
// own rules (validateNew / insertProject). Sets projects.libraryUnitIds to 县发展和改革局.
import type { Ctx } from '../context.js';
import { audit, inTransaction } from '../context.js';
import { newId, shanghaiDate } from '../platform/clock.js';
import { putSetting } from '../platform/settings.js';
import { loadActor } from '../platform/access/load-actor.js';
import { APPROVAL_KINDS, type ProjectStage } from '../../common/project-labels.js';
import { insertProject, validateNew, type NewProject } from '../modules/projects/library-service.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

// name, category, lead unit (short name), industry code, owner
const PROJECTS: [string, string, string, string | null, string | null][] = [
  ['年产5万吨高性能复合材料项目', '产业', '经信局', 'C265', '示例县恒达新材料有限公司'],
  ['智能装备制造产业园一期', '产业', '开发区管委会', 'C349', '示例县智造投资发展有限公司'],
  ['新能源汽车零部件生产基地', '产业', '经信局', 'C367', '示例县锐驰汽车部件有限公司'],
  ['绿色食品精深加工产业园', '产业', '农业农村局', 'C13', '示例县丰禾食品有限公司'],
  ['电子信息产业孵化园', '产业', '投促中心', 'C39', '示例县数创科技有限公司'],
  ['年产10万套智能家居项目', '产业', '商务局', 'C21', '示例县安居智能家居有限公司'],
  ['光伏组件扩能改造项目', '产业', '发改局', 'D441', '示例县阳光能源有限公司'],
  ['生物医药中间体项目', '产业', '开发区管委会', 'C27', '示例县康泰药业有限公司'],
  ['冷链物流园区建设项目', '产业', '商务局', 'G59', '示例县通达冷链物流有限公司'],
  ['文旅康养小镇项目', '产业', '文广旅体局', 'R90', '示例县青山文旅发展有限公司'],
  ['高端纺织面料智能工厂', '产业', '经信局', 'C17', '示例县锦绣纺织有限公司'],
  ['农产品电商直播基地', '产业', '商务局', 'I65', '示例县优选电子商务有限公司'],
  ['县城北部片区路网工程', '基础设施', '住建局', 'E48', '县城市建设投资集团有限公司'],
  ['国道改线示例县段工程', '基础设施', '交通局', 'E48', null],
  ['县城供水管网改造提升工程', '基础设施', '住建局', 'E46', '县城市建设投资集团有限公司'],
  ['城乡公交一体化场站工程', '基础设施', '交通局', 'G54', null],
  ['5G 基站及数据中心建设项目', '基础设施', '经信局', 'I63', null],
  ['老旧小区改造（二期）', '基础设施', '住建局', 'E47', null],
  ['县域天然气管网延伸工程', '基础设施', '发改局', 'D45', '示例县燃气有限公司'],
  ['农村公路提档升级工程', '基础设施', '交通局', 'E48', null],
  ['城东污水处理厂扩建工程', '基础设施', '住建局', 'N77', '县城市建设投资集团有限公司'],
  ['县人民医院新院区建设项目', '社会民生', '卫健局', 'Q84', null],
  ['县第二高级中学新建项目', '社会民生', '教育局', 'P83', null],
  ['城区幼儿园扩容工程', '社会民生', '教育局', 'P83', null],
  ['养老服务中心建设项目', '社会民生', '卫健局', 'Q85', null],
  ['全民健身中心建设项目', '社会民生', '文广旅体局', 'R89', null],
  ['保障性租赁住房项目', '社会民生', '住建局', 'K70', '县城市建设投资集团有限公司'],
  ['县疾控中心业务楼建设项目', '社会民生', '卫健局', 'Q84', null],
  ['职业教育实训基地', '社会民生', '教育局', 'P83', null],
  ['河道综合治理工程', '生态环保', '水利局', 'N76', null],
  ['矿山生态修复工程', '生态环保', '自然资源局', 'N77', null],
  ['高标准农田建设项目', '生态环保', '农业农村局', 'A01', null],
  ['城区黑臭水体整治工程', '生态环保', '生态环境分局', 'N77', null],
  ['垃圾焚烧发电项目', '生态环保', '发改局', 'D441', '示例县绿能环保有限公司'],
  ['湿地公园保护修复工程', '生态环保', '园林中心', 'N78', null],
  ['小型水库除险加固工程', '生态环保', '水利局', 'E48', null],
  ['应急物资储备库建设项目', '其他', '应急局', 'G59', null],
  ['智慧城市运行管理中心', '其他', '县政府办', 'I65', null],
  ['市场监管检验检测中心', '其他', '市场监管局', 'M74', null],
  ['县档案馆新馆建设项目', '其他', '机关事务中心', 'S92', null],
];
// Stage mix: mostly reserve/preparation/construction, some planned, completed, operating, one suspended.
const STAGES: ProjectStage[] = ['construction', 'construction', 'preparation', 'construction', 'reserve', 'preparation', 'operating', 'construction', 'reserve', 'planning',
  'construction', 'reserve', 'construction', 'preparation', 'completed', 'reserve', 'construction', 'construction', 'preparation', 'reserve',
  'construction', 'construction', 'preparation', 'completed', 'reserve', 'planning', 'construction', 'suspended', 'reserve', 'construction',
  'preparation', 'construction', 'reserve', 'preparation', 'planning', 'operating', 'reserve', 'construction', 'preparation', 'reserve'];
const LEADER_OF: Record<string, string> = {
  产业: 'zhangzhiqiang', 基础设施: 'liminghua', 社会民生: 'chenjing', 生态环保: 'liufang', 其他: 'zhaogang',
};

export async function seedDemoProjects(ctx: Ctx, regionCode: string, log: (s: string) => void = () => {}): Promise<void> {
  const random = rng(20260401);
  const today = shanghaiDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const units = await ctx.db.selectFrom('units').select(['id', 'shortName', 'name']).where('regionCode', '=', regionCode).execute();
  const unitId = (short: string) => units.find((u) => u.shortName === short)?.id ?? units.find((u) => u.name.includes(short))?.id;
  const fgw = unitId('发改局');
  const duchashi = await ctx.db.selectFrom('users').select('id').where('username', '=', 'duchashi').executeTakeFirst();
  if (!fgw || !duchashi) return;
  const actor = await loadActor(ctx, duchashi.id, null);
  if (!actor) return;
  const leaders = new Map((await ctx.db.selectFrom('users').select(['id', 'username']).where('regionCode', '=', regionCode).execute()).map((u) => [u.username, u.id]));
  const townships = await ctx.db.selectFrom('regions').select('code').where('parentCode', '=', regionCode).where('level', '=', 'township').orderBy('code').execute();
  let made = 0;
  await inTransaction(ctx, async (trx) => {
    await putSetting(ctx, trx, 'projects.libraryUnitIds', [fgw]);
    for (const [i, [name, category, unit, industry, owner]] of PROJECTS.entries()) {
      const stage = STAGES[i % STAGES.length];
      const lead = unitId(unit) ?? fgw;
      const total = Math.round((category === '产业' ? 8000 + random() * 90000 : 3000 + random() * 40000) / 100) * 100;
      // Dates around today: construction started 2–20 months ago; reserve projects plan to start within a year.
      const startedMonthsAgo = 2 + Math.floor(random() * 18);
      const actualStart = ['construction', 'completed', 'operating', 'suspended'].includes(stage) ? addDays(today, -startedMonthsAgo * 30 - Math.floor(random() * 20)) : null;
      const plannedStart = actualStart ? addDays(actualStart, -Math.floor(random() * 60) + (i % 5 === 0 ? -90 : 0)) : addDays(today, i % 6 === 0 ? -60 : 30 + Math.floor(random() * 300));
      const actualCompletion = ['completed', 'operating'].includes(stage) ? addDays(today, -10 - Math.floor(random() * 40)) : null;
      const plannedCompletion = addDays(plannedStart, 365 + Math.floor(random() * 700));
      const coded = !['planning', 'reserve'].includes(stage) || i % 3 === 0;
      const input: NewProject = {
        name, category, industryCode: industry, townshipCode: townships[i % townships.length]?.code ?? null, ownerName: owner,
        ownerCreditCode: owner ? `91990121MA${String(100000 + i * 7919).slice(-6)}X${String(i % 10)}` : null,
        projectCode: coded ? `${year - (actualStart ? 1 : 0)}-${regionCode}-${String(40 + (i % 9)).padStart(2, '0')}-0${1 + (i % 3)}-${String(200000 + i * 137).slice(-6)}` : null,
        content: `${name}：总建筑面积约 ${Math.round(2 + random() * 18)} 万平方米，${category === '产业' ? '建设生产车间、仓储及配套设施' : '建设主体工程及配套设施'}。`,
        totalInvestment: total, yearPlan: stage === 'planning' ? null : Math.round(total * (0.2 + random() * 0.3) / 100) * 100, planYear: year,
        plannedStart, actualStart: actualStart && actualCompletion && actualCompletion < actualStart ? addDays(actualCompletion, -200) : actualStart,
        plannedCompletion, actualCompletion, leaderUserId: leaders.get(i % 7 === 3 ? 'wangjianguo' : LEADER_OF[category]) ?? null, leadUnitId: lead,
        taskForce: `${unit}牵头，发改局、自然资源局、住建局、生态环境分局等配合；专班联络员每月报送进展`,
        planSummary: '明确节点目标、责任人和完成时限，倒排工期、挂图作战，问题按周协调、按月调度。', stage,
      };
      if ((await validateNew(ctx, trx, actor, input)).length) continue;
      // The history: a reserve entry some months back, then each step on the way to today's stage.
      const path: ProjectStage[] = stage === 'planning' ? ['planning'] : stage === 'suspended' ? ['reserve', 'preparation', 'construction', 'suspended']
        : ['reserve', 'preparation', 'construction', 'completed', 'operating'].slice(0, ['reserve', 'preparation', 'construction', 'completed', 'operating'].indexOf(stage) + 1) as ProjectStage[];
      const start = actualStart ?? addDays(today, -30 - Math.floor(random() * 120));
      const dates = path.map((s, k) => s === 'construction' ? input.actualStart! : s === 'completed' || s === 'operating' ? actualCompletion! : s === 'suspended' ? addDays(today, -40) : addDays(start, -(path.length - k) * 75));
      const id = await insertProject(ctx, trx, actor, { ...input, stage: path[0] }, dates[0]);
      for (let k = 1; k < path.length; k++) {
        await trx.insertInto('projectStageMoves').values({ id: newId(), projectId: id, fromStage: path[k - 1], toStage: path[k], movedOn: dates[k], actorId: actor.userId, comment: null, createdAt: ctx.clock.now().toISOString() }).execute();
      }
      await trx.updateTable('projects').set({ stage, stageSince: dates[dates.length - 1] }).where('id', '=', id).execute();
      // Approvals: all done once started; some done and the next planned (a few overdue) before.
      const done = ['construction', 'completed', 'operating', 'suspended'].includes(stage) ? APPROVAL_KINDS.length : stage === 'preparation' ? 1 + Math.floor(random() * 5) : stage === 'reserve' && coded ? 1 : 0;
      for (const [k, kind] of APPROVAL_KINDS.entries()) {
        if (k > done) break;
        const actualOn = k < done ? addDays(dates[Math.min(1, dates.length - 1)], -120 + k * 15) : null;
        const plannedOn = k < done ? actualOn : addDays(today, i % 4 === 0 ? -12 : 20 + k * 10);
        await trx.insertInto('projectApprovals').values({
          projectId: id, kind, variant: kind === 'initiation' ? (category === '产业' ? 'filing' : i % 2 ? 'approval' : 'ratification') : null,
          plannedOn, actualOn: actualOn && actualOn > today ? today : actualOn, docRef: actualOn ? `示${['发改', '自然资源', '自然资源', '住建', '环审', '发改能审', '住建施'][k]}〔${actualOn.slice(0, 4)}〕${10 + ((i * 7 + k) % 80)}号` : null,
          note: null, updatedAt: ctx.clock.now().toISOString(),
        }).execute();
      }
      made++;
    }
    await audit(ctx, trx, null, { action: 'system.seed_demo_projects', entityType: 'project', regionCode, after: { projects: made } });
  });
  log(`demo projects seeded: ${made} projects in the library (发改局 keeps it)`);
}
