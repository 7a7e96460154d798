import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chartGeometry, CHART } from './chart-layout';
import type { ChartRow } from './chart-layout';
import { formatShare } from './score-text';

interface ScoreChartProps {
  readonly rows: readonly ChartRow[];
  readonly language: string;
}

/**
 * One horizontal bar per criterion: the share of its indicators met, 0–100 %, with the level band
 * lines at 25, 50 and 75 %. The picture is one image to assistive technology (role="img", named by
 * its <title>); the same numbers are in the table under it, which the image points to with
 * aria-describedby. Every bar carries its value as text, so nothing is told by colour alone.
 */
export function ScoreChart({ rows, language }: ScoreChartProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const tableId = useId();
  const captionId = useId();
  const geometry = chartGeometry(rows);
  const weighted = rows.some((row) => row.weight !== undefined);
  const summary = t('score.chart.summary', {
    list: rows.map((row) => t('score.chart.summaryItem', { name: row.name, share: formatShare(row.share, language) })).join('; '),
  });
  const right = geometry.plotX + CHART.plotWidth;
  return (
    <figure className="score-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('score.chart.caption')}</figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={tableId}
        viewBox={`0 0 ${String(CHART.width)} ${String(geometry.height)}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        focusable="false"
      >
        <title id={titleId}>{summary}</title>
        {/* Tracks first, then the band lines over them, then the bars and their values on top. */}
        {geometry.bars.map((bar) => (
          <rect key={bar.row.criterion} className="chart-track" x={geometry.plotX} y={bar.y} width={CHART.plotWidth} height={CHART.barHeight} />
        ))}
        {[0, ...geometry.bands.map((band) => band.share), 1].map((share) => {
          const x = geometry.plotX + share * CHART.plotWidth;
          const edge = share === 0 || share === 1;
          return (
            <g key={share} className={edge ? 'chart-axis' : 'chart-band'}>
              <line x1={x} x2={x} y1={CHART.top - 6} y2={geometry.height - CHART.bottom} />
              <text x={x} y={CHART.top - 10} textAnchor="middle">
                {formatShare(share, language)}
              </text>
            </g>
          );
        })}
        {geometry.bars.map((bar) => (
          <g key={bar.row.criterion} className="chart-row" data-criterion={bar.row.criterion}>
            <text x={geometry.plotX - 8} y={bar.y + CHART.barHeight / 2} textAnchor="end" dominantBaseline="central">
              {bar.row.name}
            </text>
            <rect className="chart-bar" x={geometry.plotX} y={bar.y} width={bar.width} height={CHART.barHeight} />
            <text
              className="chart-value"
              x={Math.min(bar.valueX, right + 6)}
              y={bar.y + CHART.barHeight / 2}
              dominantBaseline="central"
            >
              {formatShare(bar.row.share, language)}
            </text>
          </g>
        ))}
      </svg>
      <table className="summary score-table" id={tableId}>
        <caption>{t('score.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('score.table.criterion')}</th>
            <th scope="col">{t('score.table.met')}</th>
            <th scope="col">{t('score.table.total')}</th>
            <th scope="col">{t('score.table.share')}</th>
            {weighted && <th scope="col">{t('score.table.weight')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.criterion} data-criterion={row.criterion}>
              <th scope="row">{row.name}</th>
              <td>{row.met}</td>
              <td>{row.total}</td>
              <td>{formatShare(row.share, language)}</td>
              {weighted && <td>{row.weight === undefined ? t('score.table.notInIndex') : formatShare(row.weight, language)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
