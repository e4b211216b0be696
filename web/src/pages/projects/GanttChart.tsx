// 挂图作战 Gantt chart in plain SVG, drawn at the container's real width so the text stays readable on a phone:
// each milestone is a row with its name above its bars — the planned bar (blue; black when overdue; red when done),
// the approved baseline as a dashed line under it, a flag at the finish (red flag = done, black flag = overdue), and
// today's line. Rows may be grouped under project headings (the battle map of a filtered set).
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { MS_COLORS, type Milestone } from './tracking-shared';

export interface GanttGroup { key: string; title?: string; href?: string; milestones: Milestone[] }

const DAY = 86_400_000;
const t0 = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function GanttChart({ groups, today, testId = 'gantt' }: { groups: GanttGroup[]; today: string; testId?: string }) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    if (!box.current) return;
    const o = new ResizeObserver(([e]) => setWidth(Math.max(280, Math.floor(e.contentRect.width))));
    o.observe(box.current);
    return () => o.disconnect();
  }, []);

  const all = groups.flatMap((g) => g.milestones);
  if (!all.length) return <div ref={box} />;
  const dates = all.flatMap((m) => [m.plannedStart, m.plannedEnd, m.actualEnd, m.baselineStart, m.baselineEnd].filter(Boolean) as string[]).concat(today);
  let min = Math.min(...dates.map(t0)); let max = Math.max(...dates.map(t0));
  const pad = Math.max(7 * DAY, (max - min) * 0.04); min -= pad; max += pad;
  const L = 8, R = 16, W = width;
  const x = (d: string) => L + ((t0(d) - min) / (max - min)) * (W - L - R);
  const ROW = 40, HEAD = 26, AXIS = 22;
  // Month ticks (every n-th month so that labels do not collide).
  const ticks: { d: string; label: string }[] = [];
  const start = new Date(min); let y = start.getUTCFullYear(); let m = start.getUTCMonth() + 1;
  const months = (max - min) / (30 * DAY);
  const every = Math.max(1, Math.ceil(months / Math.max(2, Math.floor((W - L - R) / 56))));
  for (let i = 0; i < 400; i++) {
    if (m > 12) { m = 1; y++; }
    const d = `${y}-${String(m).padStart(2, '0')}-01`;
    if (t0(d) > max) break;
    if (t0(d) >= min && (m - 1) % every === 0) ticks.push({ d, label: m === 1 ? `${y}` : `${m}月` });
    m++;
  }
  const tx = x(today);
  let yPos = AXIS;
  const rows: React.ReactElement[] = [];
  for (const g of groups) {
    if (g.title) {
      rows.push(<g key={`h-${g.key}`}><rect x={0} y={yPos} width={W} height={HEAD} fill="#f5f7fa" />
        {g.href ? <a href={g.href}><text x={L} y={yPos + 17} fontSize={13} fontWeight={600} fill="#1a56c4">{g.title}</text></a> : <text x={L} y={yPos + 17} fontSize={13} fontWeight={600}>{g.title}</text>}</g>);
      yPos += HEAD;
    }
    for (const ms of g.milestones) {
      const y0 = yPos;
      const color = MS_COLORS[ms.state];
      const xs = x(ms.plannedStart ?? ms.plannedEnd); const xe = x(ms.plannedEnd);
      const flagX = ms.actualEnd ? x(ms.actualEnd) : xe;
      rows.push(
        <g key={ms.id} data-state={ms.state}>
          <text x={L} y={y0 + 13} fontSize={12} fill="#1f2329">{ms.title}<tspan fill="#8a919f">{`  ${ms.plannedEnd}${ms.slipDays ? `（${ms.slipDays > 0 ? '+' : ''}${ms.slipDays}${locale === 'zh-CN' ? '天' : 'd'}）` : ''}`}</tspan></text>
          {ms.baselineEnd && <line x1={x(ms.baselineStart ?? ms.baselineEnd)} x2={x(ms.baselineEnd)} y1={y0 + 34} y2={y0 + 34} stroke="#8a919f" strokeWidth={2} strokeDasharray="4 3" />}
          {ms.plannedStart ? <rect x={xs} y={y0 + 20} width={Math.max(3, xe - xs)} height={10} rx={3} fill={color} opacity={ms.state === 'done' ? 0.55 : 0.85} />
            : <path d={`M${xe} ${y0 + 19} l6 6 l-6 6 l-6 -6 z`} fill={color} />}
          {(ms.state === 'done' || ms.state === 'overdue') && (
            <g transform={`translate(${flagX},${y0 + 17})`}><line x1={0} x2={0} y1={0} y2={16} stroke={color} strokeWidth={1.5} /><path d="M0 0 h10 l-3 4 l3 4 h-10 z" fill={color} /></g>
          )}
        </g>,
      );
      yPos += ROW;
    }
  }
  const H = yPos + 6;
  return (
    <div ref={box} style={{ width: '100%' }}>
      <svg width={W} height={H} role="img" aria-label={t('pt.ms.title')} data-testid={testId} style={{ display: 'block' }}>
        {ticks.map((k) => <g key={k.d}><line x1={x(k.d)} x2={x(k.d)} y1={AXIS - 4} y2={H} stroke="#eef0f3" />{Math.abs(x(k.d) - tx) > 30 && <text x={x(k.d) + 2} y={14} fontSize={11} fill="#8a919f">{k.label}</text>}</g>)}
        {rows}
        <line x1={tx} x2={tx} y1={AXIS - 6} y2={H} stroke="#d4380d" strokeWidth={1} strokeDasharray="2 2" />
        <text x={Math.min(tx + 3, W - 30)} y={AXIS - 8} fontSize={10} fill="#d4380d">{t('pt.ms.legend.today')}</text>
      </svg>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12, color: '#5c6370', marginTop: 6 }}>
        <span><span style={{ display: 'inline-block', width: 16, height: 8, background: MS_COLORS.planned, borderRadius: 2, marginRight: 4 }} />{t('pt.ms.legend.planned')}</span>
        <span><span style={{ display: 'inline-block', width: 16, borderTop: '2px dashed #8a919f', marginRight: 4, verticalAlign: 'middle' }} />{t('pt.ms.legend.baseline')}</span>
        <span style={{ color: MS_COLORS.done }}>⚑ {t('pt.ms.legend.done')}</span>
        <span style={{ color: MS_COLORS.overdue }}>⚑ {t('pt.ms.legend.overdue')}</span>
      </div>
    </div>
  );
}
