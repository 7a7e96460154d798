/**
 * Geometry of the per-criterion bar chart, apart from React so it can be checked without a DOM.
 * Coordinates are in the SVG's own units (its viewBox); the element scales to the page width.
 */

export interface ChartRow {
  readonly criterion: string;
  /** The criterion's name as shown (its section title). */
  readonly name: string;
  readonly met: number;
  readonly total: number;
  /** met ÷ total, 0–1. */
  readonly share: number;
  /** The criterion's weight in the index, when the method weighs criteria. */
  readonly weight?: number | undefined;
}

export const CHART = {
  width: 640,
  labelWidth: 230,
  plotWidth: 340,
  top: 26,
  rowHeight: 30,
  barHeight: 18,
  bottom: 8,
} as const;

/** The level band lines, in the chart as on the level scale: 25, 50 and 75 % of indicators met. */
export const BAND_LINES = [0.25, 0.5, 0.75] as const;

export interface BarGeometry {
  readonly row: ChartRow;
  readonly y: number;
  readonly width: number;
  /** Where the value text starts: just after the bar's end. */
  readonly valueX: number;
}

export interface ChartGeometry {
  readonly height: number;
  readonly plotX: number;
  readonly bars: readonly BarGeometry[];
  readonly bands: readonly { readonly share: number; readonly x: number }[];
}

/** Keeps a share inside 0–1, so a bad number can never draw outside the plot. */
function clampShare(share: number): number {
  if (!Number.isFinite(share)) return 0;
  return Math.min(1, Math.max(0, share));
}

export function chartGeometry(rows: readonly ChartRow[]): ChartGeometry {
  const plotX = CHART.labelWidth;
  const bars = rows.map((row, i) => {
    const width = clampShare(row.share) * CHART.plotWidth;
    return {
      row,
      y: CHART.top + i * CHART.rowHeight + (CHART.rowHeight - CHART.barHeight) / 2,
      width,
      valueX: plotX + width + 6,
    };
  });
  return {
    height: CHART.top + rows.length * CHART.rowHeight + CHART.bottom,
    plotX,
    bars,
    bands: BAND_LINES.map((share) => ({ share, x: plotX + share * CHART.plotWidth })),
  };
}
