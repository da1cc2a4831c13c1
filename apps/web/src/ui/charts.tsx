import { useId } from 'react';

export interface Series {
  key: string;
  label: string;
  /** A colour with at least 3:1 contrast on white (WCAG 1.4.11). */
  color: string;
}

export interface BarRow {
  label: string;
  values: Record<string, number>;
}

const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 230;
const WIDTH = 720;

/**
 * Horizontal stacked bars drawn as inline SVG: one bar per row, one segment per series, each segment titled with
 * its figures. The SVG is an image named by its caption; the same figures are given as a table beside it, for
 * whoever would rather read (or cannot see) the chart.
 */
export function StackedBars({
  caption,
  rows,
  series,
  unit,
}: {
  caption: string;
  rows: BarRow[];
  series: Series[];
  unit: (n: number) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...rows.map((row) => series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0)));
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const scale = (WIDTH - LABEL_WIDTH - 50) / max;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <ul className="chart-legend" aria-label="Légende">
        {series.map((s) => (
          <li key={s.key}>
            <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-caption`}
        aria-describedby={`${id}-table`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        className="chart-svg"
      >
        {rows.map((row, index) => {
          const y = GAP + index * (BAR_HEIGHT + GAP);
          let x = LABEL_WIDTH;
          const total = series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
          return (
            <g key={row.label}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT * 0.7} textAnchor="end" className="chart-label">
                {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
              </text>
              {series.map((s) => {
                const value = row.values[s.key] ?? 0;
                if (value === 0) return null;
                const width = value * scale;
                const rect = (
                  <rect key={s.key} x={x} y={y} width={width} height={BAR_HEIGHT} fill={s.color}>
                    <title>{`${row.label} — ${s.label} : ${unit(value)}`}</title>
                  </rect>
                );
                x += width;
                return rect;
              })}
              <text x={x + 6} y={y + BAR_HEIGHT * 0.7} className="chart-label">
                {total.toLocaleString('fr-FR')}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="chart-data">
        <summary>Données du graphique en tableau</summary>
        <table className="table" id={`${id}-table`}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Élément</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {series.map((s) => (
                  <td key={s.key}>{(row.values[s.key] ?? 0).toLocaleString('fr-FR')}</td>
                ))}
                <td>
                  {series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0).toLocaleString('fr-FR')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface TimePoint {
  /** `YYYY-MM-DD`. */
  date: string;
  values: Record<string, number>;
}

const PLOT_LEFT = 48;
const PLOT_TOP = 12;
const PLOT_HEIGHT = 180;
const PLOT_RIGHT = WIDTH - 16;
const AXIS_HEIGHT = 28;
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/**
 * Step lines over time drawn as inline SVG: one line per series, each value held until the next point (the
 * points are the days something changed). The SVG is an image named by its caption and described by `summary`;
 * the same figures are given as a table, one row per point, with any `extraColumns` beside.
 */
export function StepLines({
  caption,
  summary,
  points,
  series,
  max,
  formatDay,
  unit,
  extraColumns = [],
}: {
  caption: string;
  /** One or two sentences that say what the chart shows, for whoever does not see it. */
  summary: string;
  /** Oldest first. */
  points: TimePoint[];
  series: Series[];
  /** The top of the vertical axis (e.g. the number of requirements). */
  max: number;
  formatDay: (date: string) => string;
  unit: (n: number) => string;
  extraColumns?: { label: string; value: (point: TimePoint, index: number) => string }[];
}) {
  const id = useId();
  const top = Math.max(1, max);
  const firstPoint = points[0];
  const lastPoint = points.at(-1);
  const first = firstPoint ? dayNumber(firstPoint.date) : 0;
  const span = lastPoint ? dayNumber(lastPoint.date) - first : 0;
  const x = (date: string) =>
    span === 0 ? PLOT_RIGHT : PLOT_LEFT + ((dayNumber(date) - first) / span) * (PLOT_RIGHT - PLOT_LEFT);
  const y = (value: number) => PLOT_TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const height = PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT;
  const ticks = [0, Math.round(top / 2), top].filter((t, i, all) => all.indexOf(t) === i);
  const dateTicks = firstPoint && lastPoint && span > 0 ? [firstPoint, lastPoint] : points;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <p id={`${id}-summary`} className="hint">
        {summary}
      </p>
      <ul className="chart-legend" aria-label="Légende">
        {series.map((s) => (
          <li key={s.key}>
            <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-caption`}
        aria-describedby={`${id}-summary`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        className="chart-svg"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={y(tick)} y2={y(tick)} stroke="#d1d5db" />
            <text x={PLOT_LEFT - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {tick.toLocaleString('fr-FR')}
            </text>
          </g>
        ))}
        {dateTicks.map((point, index) => (
          <text
            key={point.date}
            x={span === 0 ? PLOT_RIGHT : x(point.date)}
            y={PLOT_TOP + PLOT_HEIGHT + 20}
            textAnchor={index === 0 && span > 0 ? 'start' : 'end'}
            className="chart-label"
          >
            {formatDay(point.date)}
          </text>
        ))}
        {series.map((s) => {
          const path = points
            .map((point, index) => {
              const value = y(point.values[s.key] ?? 0);
              if (index === 0) return `M ${span === 0 ? PLOT_LEFT : x(point.date)} ${value}`;
              return `H ${x(point.date)} V ${value}`;
            })
            .join(' ');
          return (
            <g key={s.key}>
              <path
                d={span === 0 ? `${path} H ${PLOT_RIGHT}` : path}
                fill="none"
                stroke={s.color}
                strokeWidth={3}
              />
              {points.map((point) => (
                <circle
                  key={point.date}
                  cx={x(point.date)}
                  cy={y(point.values[s.key] ?? 0)}
                  r={4}
                  fill={s.color}
                >
                  <title>{`${formatDay(point.date)} — ${s.label} : ${unit(point.values[s.key] ?? 0)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <details className="chart-data">
        <summary>Données du graphique en tableau</summary>
        <table className="table" id={`${id}-table`}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              {extraColumns.map((column) => (
                <th scope="col" key={column.label}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point, index) => (
              <tr key={point.date}>
                <th scope="row">{formatDay(point.date)}</th>
                {series.map((s) => (
                  <td key={s.key}>{(point.values[s.key] ?? 0).toLocaleString('fr-FR')}</td>
                ))}
                {extraColumns.map((column) => (
                  <td key={column.label}>{column.value(point, index)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
