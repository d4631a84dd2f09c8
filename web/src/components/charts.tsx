/**
 * Small charts in plain SVG (docs/adr/0070-console-charts-plain-svg.md): no chart library, no canvas.
 * Every chart is a <figure> whose <svg role="img"> carries a text summary of all its values, and every
 * value is also written next to its bar, so nothing is said by colour alone.
 */
import { useId } from 'react';

export interface Series {
  key: string;
  label: string;
  color: string;
}
export interface BarDatum {
  label: string;
  values: Record<string, number>;
  /** Written after the bar (e.g. "92,3 %"); defaults to the sum of the values. */
  note?: string;
}

const fmt = (n: number) => n.toLocaleString('vi-VN');

function Legend({ series }: { series: Series[] }) {
  if (series.length < 2) return null;
  return (
    <ul aria-hidden="true" style={{ display: 'flex', gap: 12, listStyle: 'none', padding: 0, margin: '4px 0', fontSize: 12 }}>
      {series.map((s) => (
        <li key={s.key}>
          <span style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 4 }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal stacked bars: one row per label (division, officer, cause), one segment per series. */
export function BarChart({ title, series, data, empty = 'Chưa có số liệu.' }: { title: string; series: Series[]; data: BarDatum[]; empty?: string }) {
  const id = useId();
  const labelW = 190;
  const width = 560;
  const row = 22;
  const barW = width - labelW - 90;
  const max = Math.max(1, ...data.map((d) => series.reduce((a, s) => a + (d.values[s.key] ?? 0), 0)));
  const summary = data
    .map((d) => `${d.label}: ${series.map((s) => `${s.label} ${fmt(d.values[s.key] ?? 0)}`).join(', ')}${d.note ? ` (${d.note})` : ''}`)
    .join('; ');
  return (
    <figure style={{ margin: 0 }}>
      <figcaption id={id} style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      <Legend series={series} />
      {data.length === 0 ? (
        <p style={{ color: '#595959' }}>{empty}</p>
      ) : (
        <svg role="img" aria-labelledby={id} aria-describedby={`${id}-d`} viewBox={`0 0 ${width} ${data.length * row + 4}`} style={{ width: '100%', maxWidth: width }}>
          <desc id={`${id}-d`}>{summary}</desc>
          {data.map((d, i) => {
            let x = labelW;
            const total = series.reduce((a, s) => a + (d.values[s.key] ?? 0), 0);
            return (
              <g key={d.label + i} transform={`translate(0 ${i * row + 2})`}>
                <text x={labelW - 6} y={row / 2 + 4} textAnchor="end" fontSize={12} fill="#262626">
                  {d.label.length > 24 ? `${d.label.slice(0, 23)}…` : d.label}
                </text>
                {series.map((s) => {
                  const w = ((d.values[s.key] ?? 0) / max) * barW;
                  const rect = <rect key={s.key} x={x} y={3} width={w} height={row - 6} fill={s.color} />;
                  x += w;
                  return rect;
                })}
                <text x={x + 6} y={row / 2 + 4} fontSize={12} fill="#262626">
                  {d.note ?? fmt(total)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

/** Vertical grouped columns over time (months), with an optional rate written above each group. */
export function ColumnChart({ title, series, data }: { title: string; series: Series[]; data: BarDatum[] }) {
  const id = useId();
  const height = 170;
  const top = 20;
  const bottom = 24;
  const group = Math.max(48, Math.min(90, 640 / Math.max(1, data.length)));
  const width = data.length * group + 10;
  const col = (group - 14) / series.length;
  const max = Math.max(1, ...data.flatMap((d) => series.map((s) => d.values[s.key] ?? 0)));
  const summary = data.map((d) => `${d.label}: ${series.map((s) => `${s.label} ${fmt(d.values[s.key] ?? 0)}`).join(', ')}${d.note ? `, ${d.note}` : ''}`).join('; ');
  return (
    <figure style={{ margin: 0 }}>
      <figcaption id={id} style={{ fontWeight: 600 }}>
        {title}
      </figcaption>
      <Legend series={series} />
      {data.length === 0 ? (
        <p style={{ color: '#595959' }}>Chọn quý, 6 tháng hoặc năm để xem theo tháng.</p>
      ) : (
        <svg role="img" aria-labelledby={id} aria-describedby={`${id}-d`} viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', maxWidth: width }}>
          <desc id={`${id}-d`}>{summary}</desc>
          <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} stroke="#8c8c8c" />
          {data.map((d, i) => (
            <g key={d.label} transform={`translate(${i * group + 8} 0)`}>
              {series.map((s, j) => {
                const v = d.values[s.key] ?? 0;
                const h = (v / max) * (height - top - bottom - 14);
                return (
                  <g key={s.key}>
                    <rect x={j * col} y={height - bottom - h} width={col - 2} height={h} fill={s.color} />
                    <text x={j * col + col / 2 - 1} y={height - bottom - h - 3} fontSize={10} textAnchor="middle" fill="#262626">
                      {fmt(v)}
                    </text>
                  </g>
                );
              })}
              <text x={(group - 14) / 2} y={height - 8} fontSize={11} textAnchor="middle" fill="#262626">
                {d.label}
              </text>
              {d.note && (
                <text x={(group - 14) / 2} y={12} fontSize={11} textAnchor="middle" fill="#237804" fontWeight={600}>
                  {d.note}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}

export const COLORS = { onTime: '#389e0d', late: '#cf1322', open: '#1677ff', warn: '#d46b08', grey: '#8c8c8c', purple: '#722ed1' };
