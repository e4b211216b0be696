// The 通报 as documents: a GB/T 9704 .docx (一、总体情况 二、红灯事项 三、单位排名 四、下步要求) and an .xlsx with the
// sheets 总体情况, 红灯事项, 单位排名. Always in Chinese: these are official documents.
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { buildOfficialDoc, chineseDate, type Block } from '../../platform/documents/official-doc.js';
import { writeWorkbook } from '../../platform/excel/workbook.js';
import { getSettings } from '../../platform/settings.js';
import { message } from '../../../common/messages.js';
import { RAG_LABELS, TASK_STATUS_LABELS } from '../../../common/task-labels.js';
import { bulletinData, type BulletinData } from './bulletin.js';
import { issuerName } from './escalations.js';
import { regionName } from './escalation-repository.js';
import { TASK_STATUSES } from './task-states.js';
import { today } from './service.js';

const ORDINALS = '一二三四五六七八九十';
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const zh = (code: string, params?: Record<string, unknown>) => message(code, 'zh-CN', params);
/** 全县, 全区, 全市 … from the region's name. */
const whole = (region: string) => `全${/[县区市旗]$/.test(region) ? region.slice(-1) : '县'}`;

function overview(d: BulletinData, region: string): string {
  const statuses = TASK_STATUSES.filter((s) => d.byStatus[s] > 0).map((s) => `${TASK_STATUS_LABELS[s]['zh-CN']}${d.byStatus[s]}项`);
  const parts = [
    `${d.periodName}，${whole(region)}纳入督查督办的事项共${d.totals.tasks}项，其中本期新交办${d.totals.assignedInPeriod}项、办结${d.totals.completedInPeriod}项。`,
    d.totals.tasks ? `截至${chineseDate(d.asOf)}，${statuses.join('、')}；按红黄绿灯评价，红灯${d.byRag.red}项、黄灯${d.byRag.yellow}项、绿灯${d.byRag.green}项。` : '',
    `本期共发出督办通知单${d.totals.escalatedInPeriod}份。`,
  ];
  return parts.join('');
}

export function bulletinModel(d: BulletinData, o: { issuer: string; region: string; addressee: string; requirements: string[]; number: string | null; date: string }) {
  const repeated = d.red.filter((r) => r.repeated).length;
  const level = whole(o.region).slice(1);
  const body: Block[] = [
    { kind: 'p', text: `为推动${level}委、${level}政府各项决策部署落地见效，现将${d.periodName}督查督办工作情况通报如下：` },
    { kind: 'h1', text: '一、总体情况' },
    { kind: 'p', text: overview(d, o.region) },
    { kind: 'h1', text: '二、红灯事项' },
  ];
  if (d.red.length) {
    body.push({ kind: 'p', text: `截至${chineseDate(d.asOf)}，亮红灯事项${d.red.length}项${repeated ? `，其中连续两期亮红灯或已发督办通知单的${repeated}项（表中标注“★”）` : ''}。具体如下：` });
    const year = d.to.slice(0, 4);
    body.push({
      kind: 'table', size: 24,
      columns: [{ header: '序号', width: 1.3, align: 'center' }, { header: '事项', width: 4.3 }, { header: '牵头单位', width: 2.6 }, { header: '截止时限', width: 2.3, align: 'center' }, { header: '红灯原因', width: 4 }, { header: '督办情况', width: 3.3 }],
      rows: d.red.map((r, i) => [
        `${i + 1}${r.repeated ? '★' : ''}`, r.title, r.leadUnit.name,
        r.deadline.startsWith(year) ? chineseDate(r.deadline).slice(5) : chineseDate(r.deadline), r.reasons.map((x) => zh(x.code, x.params)).join('；'),
        r.escalations ? `${r.lastEscalation ?? ''}${r.escalations > 1 ? `（共${r.escalations}次）` : ''}` : '—',
      ]),
    });
  } else {
    body.push({ kind: 'p', text: '本期无红灯事项。' });
  }
  body.push({ kind: 'h1', text: '三、单位排名' });
  const ranked = d.ranking.filter((r) => r.rank !== null);
  if (ranked.length) {
    body.push({ kind: 'p', text: '根据督查考核办法，按按期签收、按期反馈、按期办结、超期事项等办理结果计分排名（不以留痕材料计分），排名情况如下：' });
    body.push({
      kind: 'table', size: 24,
      columns: [{ header: '排名', width: 1.3, align: 'center' }, { header: '单位', width: 4 }, { header: '得分', width: 1.6, align: 'center' }, { header: '事项数', width: 1.7, align: 'center' }, { header: '按期办结率', width: 2.2, align: 'center' }, { header: '红灯', width: 1.3, align: 'center' }],
      rows: ranked.map((r) => [String(r.rank), r.unit.name, r.score === null ? '—' : String(r.score), String(r.tasks), pct(r.onTimeRate), String(r.red)]),
    });
  } else {
    body.push({ kind: 'p', text: '本期无可考核的事项，不作排名。' });
  }
  body.push({ kind: 'h1', text: '四、下步要求' });
  o.requirements.forEach((text, i) => body.push({ kind: 'p', lead: `（${ORDINALS[i] ?? i + 1}）`, leadFont: 'kai', text }));
  return { organ: o.issuer, number: o.number, title: d.title, addressee: o.addressee, body, signature: { organ: o.issuer, date: o.date } };
}

async function context(ctx: Ctx, actor: Actor) {
  const [settings, region] = await Promise.all([getSettings(ctx), regionName(ctx.db, actor.regionCode)]);
  return { settings, region, issuer: issuerName(settings, region) };
}

export async function bulletinDocx(ctx: Ctx, actor: Actor, from: string, to: string, number?: string) {
  const d = await bulletinData(ctx, actor, from, to);
  const { settings, region, issuer } = await context(ctx, actor);
  const body = await buildOfficialDoc(bulletinModel(d, {
    issuer, region, addressee: settings['documents.bulletinAddressee'], requirements: settings['documents.bulletinRequirements'],
    number: number?.trim() || null, date: today(ctx),
  }));
  return { filename: `${d.title}.docx`, body };
}

export async function bulletinXlsx(ctx: Ctx, actor: Actor, from: string, to: string) {
  const d = await bulletinData(ctx, actor, from, to);
  const { region } = await context(ctx, actor);
  type Kv = { k: string; v: string | number };
  const overviewRows: Kv[] = [
    { k: '通报期间', v: `${chineseDate(from)}至${chineseDate(to)}` },
    { k: '统计截至', v: chineseDate(d.asOf) },
    { k: '纳入督办事项', v: d.totals.tasks },
    { k: '本期新交办', v: d.totals.assignedInPeriod },
    { k: '本期办结', v: d.totals.completedInPeriod },
    { k: '本期督办通知单', v: d.totals.escalatedInPeriod },
    ...TASK_STATUSES.map((s) => ({ k: TASK_STATUS_LABELS[s]['zh-CN'], v: d.byStatus[s] })),
    ...(['red', 'yellow', 'green'] as const).map((c) => ({ k: RAG_LABELS[c]['zh-CN'], v: d.byRag[c] })),
    { k: '连续红灯或已督办', v: d.repeatedRed.length },
  ];
  type Red = BulletinData['red'][number];
  type Rank = BulletinData['ranking'][number];
  const body = await writeWorkbook([
    { name: '总体情况', title: `${region}${d.title.replace(/^关于/, '').replace(/的通报$/, '')}`, columns: [
      { header: '项目', width: 24, value: (r: Kv) => r.k }, { header: '数量', width: 14, value: (r: Kv) => r.v },
    ], rows: overviewRows },
    { name: '红灯事项', title: `红灯事项（截至${chineseDate(d.asOf)}）`, columns: [
      { header: '序号', width: 6, value: (r: Red & { i: number }) => r.i },
      { header: '事项编号', width: 12, value: (r: Red) => r.serial },
      { header: '事项', width: 40, value: (r: Red) => r.title },
      { header: '牵头单位', width: 20, value: (r: Red) => r.leadUnit.name },
      { header: '截止时限', width: 12, value: (r: Red) => r.deadline },
      { header: '状态', width: 10, value: (r: Red) => TASK_STATUS_LABELS[r.status]['zh-CN'] },
      { header: '进度', width: 8, value: (r: Red) => `${r.progress}%` },
      { header: '红灯原因', width: 40, value: (r: Red) => r.reasons.map((x) => zh(x.code, x.params)).join('；') },
      { header: '督办次数', width: 10, value: (r: Red) => r.escalations },
      { header: '最近督办', width: 20, value: (r: Red) => r.lastEscalation ?? '' },
      { header: '连续红灯或已督办', width: 16, value: (r: Red) => (r.repeated ? '是' : '否') },
    ], rows: d.red.map((r, i) => ({ ...r, i: i + 1 })) },
    { name: '单位排名', title: `单位排名（${d.periodName}）`, columns: [
      { header: '排名', width: 6, value: (r: Rank) => r.rank ?? '—' },
      { header: '单位', width: 28, value: (r: Rank) => r.unit.name },
      { header: '得分', width: 8, value: (r: Rank) => r.score ?? '—' },
      { header: '事项数', width: 8, value: (r: Rank) => r.tasks },
      { header: '到期事项', width: 10, value: (r: Rank) => r.due },
      { header: '已办结', width: 8, value: (r: Rank) => r.completed },
      { header: '按期办结', width: 10, value: (r: Rank) => r.completedOnTime },
      { header: '按期办结率', width: 12, value: (r: Rank) => pct(r.onTimeRate) },
      { header: '红灯事项', width: 10, value: (r: Rank) => r.red },
      { header: '得分说明', width: 80, value: (r: Rank) => r.explanation },
    ], rows: d.ranking },
  ]);
  return { filename: `${d.title}.xlsx`, body };
}
