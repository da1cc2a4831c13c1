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
