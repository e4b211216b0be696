// The demo county (示例县): a fictitious region code (province 99 does not exist in GB/T 2260), leaders whose
// portfolios mirror the seed report, ~40 units including 12 townships, and a few users per unit.
import type { Ctx } from '../context.js';
import { audit, inTransaction } from '../context.js';
import type { Role, UnitKind } from '../../common/roles.js';
import { newId } from '../platform/clock.js';
import { hashPassword } from '../platform/auth/passwords.js';

export const DEMO = {
  city: { code: '990100', name: '示例市' },
  county: { code: '990121', name: '示例县' },
  neighbour: { code: '990122', name: '示范县' },
  password: 'Demo@2026',
};

type U = { name: string; short: string; kind: UnitKind; domain?: string };
const BUREAUS: U[] = [
  { name: '县政府办公室（县政府督查室）', short: '县政府办', kind: 'office', domain: '政务督查' },
  { name: '县机关事务服务中心', short: '机关事务中心', kind: 'office', domain: '机关事务' },
  { name: '县财政局', short: '财政局', kind: 'bureau', domain: '财政' },
  { name: '国家税务总局示例县税务局', short: '税务局', kind: 'bureau', domain: '税务' },
  { name: '县审计局', short: '审计局', kind: 'bureau', domain: '审计' },
  { name: '县自然资源和规划局', short: '自然资源局', kind: 'bureau', domain: '国土' },
  { name: '县住房和城乡建设局', short: '住建局', kind: 'bureau', domain: '城建' },
  { name: '县综合行政执法局', short: '执法局', kind: 'bureau', domain: '市政园林' },
  { name: '县园林绿化服务中心', short: '园林中心', kind: 'office', domain: '市政园林' },
  { name: '县司法局', short: '司法局', kind: 'bureau', domain: '政府法制' },
  { name: '县人民防空办公室', short: '人防办', kind: 'office', domain: '人民防空' },
  { name: '县外事办公室', short: '外事办', kind: 'office', domain: '外事接待' },
  { name: '县国有资产服务中心', short: '国资中心', kind: 'office', domain: '投融资' },
  { name: '县城市建设投资集团有限公司', short: '城投集团', kind: 'company', domain: '投融资' },
  { name: '县发展和改革局', short: '发改局', kind: 'bureau', domain: '发展改革' },
  { name: '县经济和信息化局', short: '经信局', kind: 'bureau', domain: '工业和信息化' },
  { name: '县商务局', short: '商务局', kind: 'bureau', domain: '商务' },
  { name: '县投资促进中心', short: '投促中心', kind: 'office', domain: '招商' },
  { name: '县统计局', short: '统计局', kind: 'bureau', domain: '统计' },
  { name: '市生态环境局示例县分局', short: '生态环境分局', kind: 'bureau', domain: '生态环境' },
  { name: '县交通运输局', short: '交通局', kind: 'bureau', domain: '交通' },
  { name: '县水利局', short: '水利局', kind: 'bureau', domain: '水利' },
  { name: '县农业农村局', short: '农业农村局', kind: 'bureau', domain: '农业农村' },
  { name: '县教育局', short: '教育局', kind: 'bureau', domain: '教育' },
  { name: '县卫生健康局', short: '卫健局', kind: 'bureau', domain: '卫生健康' },
  { name: '县文化广电旅游体育局', short: '文广旅体局', kind: 'bureau', domain: '文旅体育' },
  { name: '县市场监督管理局', short: '市场监管局', kind: 'bureau', domain: '市场监管' },
  { name: '县应急管理局', short: '应急局', kind: 'bureau', domain: '应急管理' },
  { name: '国网示例县供电公司', short: '供电公司', kind: 'company', domain: '供电' },
  { name: '示例县经济开发区管委会', short: '开发区管委会', kind: 'office', domain: '园区' },
];
const TOWNSHIPS = ['城关镇', '东湖镇', '西山乡', '南塘街道', '北关街道', '青石镇', '柳河镇', '白马乡', '桃源镇', '龙泉镇', '新华街道', '红旗乡'];

const LEADERS: { name: string; username: string; title: string; domains: string[] }[] = [
  { name: '王建国', username: 'wangjianguo', title: '县长', domains: ['全面工作', '审计', '发展改革'] },
  { name: '李明华', username: 'liminghua', title: '县委常委、常务副县长', domains: ['机关事务', '政务督查', '财政', '税务', '审计', '国土', '城建', '市政园林', '政府法制', '人民防空', '外事接待', '投融资'] },
  { name: '张志强', username: 'zhangzhiqiang', title: '副县长', domains: ['工业和信息化', '商务', '招商', '统计', '供电', '园区', '发展改革'] },
  { name: '刘芳', username: 'liufang', title: '副县长', domains: ['农业农村', '水利', '乡村振兴', '生态环境', '交通'] },
  { name: '陈静', username: 'chenjing', title: '副县长', domains: ['教育', '卫生健康', '文旅体育'] },
  { name: '赵刚', username: 'zhaogang', title: '副县长、县公安局局长', domains: ['公安', '应急管理', '市场监管'] },
];
// Township portfolios (包联乡镇): split among the deputies.
const TOWNSHIP_LEADER = ['liminghua', 'liminghua', 'zhangzhiqiang', 'zhangzhiqiang', 'liufang', 'liufang', 'liufang', 'chenjing', 'chenjing', 'zhaogang', 'zhaogang', 'liminghua'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '志刚', '海燕', '晓东', '建军', '丹', '萍', '鹏', '辉', '玲', '春梅', '国庆', '小军', '卫东', '永红'];

/** Deterministic plausible names: the demo looks the same on every machine. */
function person(i: number): string {
  return SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 13) % GIVEN.length];
}

export async function isEmpty(ctx: Ctx): Promise<boolean> {
  return !(await ctx.db.selectFrom('regions').select('code').limit(1).executeTakeFirst());
}

export async function seedDemo(ctx: Ctx, log: (s: string) => void = () => {}): Promise<void> {
  const hash = await hashPassword(DEMO.password);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('regions').values([
      { code: '990000', name: '示例省', level: 'province', parentCode: null },
      { code: DEMO.city.code, name: DEMO.city.name, level: 'city', parentCode: '990000' },
      { code: DEMO.county.code, name: DEMO.county.name, level: 'county', parentCode: DEMO.city.code },
      { code: DEMO.neighbour.code, name: DEMO.neighbour.name, level: 'county', parentCode: DEMO.city.code },
    ]).execute();
    const unitIds = new Map<string, string>();
    const addUnit = async (region: string, u: U, sort: number) => {
      const id = newId();
      unitIds.set(`${region}:${u.name}`, id);
      await trx.insertInto('units').values({ id, regionCode: region, name: u.name, shortName: u.short, kind: u.kind, parentId: null, sortOrder: sort, phone: `0999-${String(6100000 + sort * 37).slice(0, 7)}`, createdAt: now, updatedAt: now }).execute();
      return id;
    };
    let sort = 0;
    for (const b of BUREAUS) await addUnit(DEMO.county.code, b, ++sort * 10);
    for (const t of TOWNSHIPS) {
      const code = DEMO.county.code + String(100 + TOWNSHIPS.indexOf(t)).padStart(3, '0');
      await trx.insertInto('regions').values({ code, name: t, level: 'township', parentCode: DEMO.county.code }).execute();
      await addUnit(DEMO.county.code, { name: `${t}人民政府`.replace('街道人民政府', '街道办事处'), short: t, kind: 'township' }, ++sort * 10);
    }
    // The neighbouring county: a few units, so that a city user sees two counties and a county user only his own.
    for (const b of BUREAUS.slice(0, 4)) await addUnit(DEMO.neighbour.code, { ...b, name: b.name.replace('示例县', '示范县') }, ++sort * 10);
    await addUnit(DEMO.city.code, { name: '市政府督查室', short: '市督查室', kind: 'office' }, ++sort * 10);

    let n = 0;
    const addUser = async (region: string, unitName: string | null, username: string, displayName: string, title: string | null, roles: Role[]) => {
      const id = newId();
      await trx.insertInto('users').values({
        id, regionCode: region, unitId: unitName ? unitIds.get(`${region}:${unitName}`)! : null, username, displayName, title,
        phone: `139${String(10000000 + n * 7919).slice(0, 8)}`, passwordHash: hash, mustChangePassword: 0, createdAt: now, updatedAt: now,
      }).execute();
      if (roles.length) await trx.insertInto('userRoles').values(roles.map((role) => ({ userId: id, role }))).execute();
      n++;
      return id;
    };
    const office = BUREAUS[0].name;
    await addUser(DEMO.county.code, office, 'sysadmin', '孙立新', '系统管理员', ['sysadmin']);
    await addUser(DEMO.county.code, office, 'secadmin', '钱晓燕', '安全管理员', ['secadmin']);
    await addUser(DEMO.county.code, office, 'auditor', '周文博', '审计管理员', ['auditor']);
    await addUser(DEMO.county.code, office, 'duchashi', '吴晓梅', '督查室主任', ['supervisor']);
    await addUser(DEMO.county.code, office, 'duchashi2', '郑海波', '督查室科员', ['supervisor']);
    await addUser(DEMO.county.code, office, 'duchashi3', '冯雪', '督查室科员', ['supervisor']);
    await addUser(DEMO.county.code, office, 'chakan', '褚红梅', '县政府办副主任', ['viewer']);
    await addUser(DEMO.city.code, '市政府督查室', 'shiducha', '卫国平', '市督查室主任', ['supervisor']);
    await addUser(DEMO.neighbour.code, '县政府办公室（县政府督查室）', 'sf_duchashi', '蒋文丽', '督查室主任', ['supervisor']);

    const leaderIds = new Map<string, string>();
    let order = 0;
    for (const l of LEADERS) {
      const userId = await addUser(DEMO.county.code, office, l.username, l.name, l.title, ['leader']);
      const id = newId();
      leaderIds.set(l.username, id);
      await trx.insertInto('leaders').values({ id, regionCode: DEMO.county.code, userId, title: l.title, sortOrder: ++order, createdAt: now, updatedAt: now }).execute();
      await trx.insertInto('leaderDomains').values(l.domains.map((domain) => ({ leaderId: id, domain }))).execute();
      const units = BUREAUS.filter((b) => b.domain && l.domains.includes(b.domain)).map((b) => unitIds.get(`${DEMO.county.code}:${b.name}`)!);
      if (units.length) await trx.insertInto('leaderUnits').values(units.map((unitId) => ({ leaderId: id, unitId }))).execute();
    }
    for (const [i, t] of TOWNSHIPS.entries()) {
      const unitName = `${t}人民政府`.replace('街道人民政府', '街道办事处');
      await trx.insertInto('leaderUnits').values({ leaderId: leaderIds.get(TOWNSHIP_LEADER[i])!, unitId: unitIds.get(`${DEMO.county.code}:${unitName}`)! }).execute();
    }

    // Each unit: a unit administrator (分管负责人) and one or two liaison staff (联络员).
    let p = 1;
    const allUnits = [...BUREAUS.map((b) => b.name), ...TOWNSHIPS.map((t) => `${t}人民政府`.replace('街道人民政府', '街道办事处'))];
    for (const [i, u] of allUnits.entries()) {
      const code = `u${String(i + 1).padStart(2, '0')}`;
      await addUser(DEMO.county.code, u, `${code}admin`, person(p++), '分管负责人', ['unit_admin']);
      await addUser(DEMO.county.code, u, `${code}staff`, person(p++), '联络员', ['unit_staff']);
      if (i % 3 === 0) await addUser(DEMO.county.code, u, `${code}staff2`, person(p++), '科员', ['unit_staff']);
    }
    await audit(ctx, trx, null, { action: 'system.seed_demo', entityType: 'region', entityId: DEMO.county.code, regionCode: DEMO.county.code, after: { units: unitIds.size, users: n } });
    log(`demo county seeded: ${unitIds.size} units, ${n} users (password ${DEMO.password})`);
  });
}
