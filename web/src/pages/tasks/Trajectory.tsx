// Expected against reported progress over time, as a light inline SVG (no chart library).
import { useI18n } from '../../app/i18n';
import type { TaskDetail } from './shared';

export function Trajectory({ points }: { points: TaskDetail['trajectory'] }) {
  const { t } = useI18n();
  if (points.length < 2) return null;
  const W = 560, H = 140, P = 24;
  const x = (i: number) => P + (i * (W - 2 * P)) / (points.length - 1);
  const y = (v: number) => H - P - (v * (H - 2 * P)) / 100;
  const line = (vals: (number | null)[]) => vals.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W, height: 'auto' }} role="img" aria-label={t('tasks.progress')}>
      {[0, 50, 100].map((v) => <g key={v}><line x1={P} x2={W - P} y1={y(v)} y2={y(v)} stroke="#f0f1f4" /><text x={2} y={y(v) + 4} fontSize={10} fill="#8a919f">{v}</text></g>)}
      <polyline points={line(points.map((p) => p.expected))} fill="none" stroke="#b0b7c3" strokeDasharray="4 3" strokeWidth={1.5} />
      <polyline points={line(points.map((p) => p.reported))} fill="none" stroke="#1a56c4" strokeWidth={2} />
      <text x={P} y={H - 6} fontSize={10} fill="#8a919f">{points[0].date}</text>
      <text x={W - P} y={H - 6} fontSize={10} fill="#8a919f" textAnchor="end">{points[points.length - 1].date}</text>
    </svg>
  );
}
