/**
 * Bar charts as SVG text, drawn on the server (no JavaScript, no DOM): one row per category — its label, then one
 * bar per series with the value written at its end, so the chart reads without colour and prints. Hidden (small)
 * counts get no bar, only their text. Colours are presentation attributes, not inline styles (the CSP forbids those).
 * Observable Plot was the other choice; for horizontal bars this is ~100 lines, no dependency and no stylesheet
 * that Plot injects and the CSP would block.
 */
export interface BarSeries {
  label: string;
  /** One per category; null = not published (drawn as `hiddenText`, no bar). */
  values: (number | null)[];
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: BarSeries[];
  format(n: number): string;
  hiddenText: string;
}

// Blue and orange: distinguishable with the common colour-vision deficiencies, both ≥ 3:1 against white.
const COLOURS = ['#1d70b8', '#b35c00', '#4c2c92', '#005a30'];
const WIDTH = 400;
const LABEL_H = 24;
const BAR_H = 18;
const GAP = 4;
const ROW_GAP = 12;
const VALUE_W = 70;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart's SVG element as text, with its title and description (the text alternative) inside. */
export function barChartSvg(chart: BarChart): string {
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const legendH = chart.series.length > 1 ? 28 : 0;
  const rowH = LABEL_H + chart.series.length * (BAR_H + GAP) + ROW_GAP;
  const height = legendH + chart.categories.length * rowH;
  const barSpace = WIDTH - VALUE_W;
  const parts: string[] = [];
  if (legendH)
    chart.series.forEach((s, i) => {
      const x = i * 190;
      parts.push(`<rect x="${x}" y="4" width="14" height="14" fill="${COLOURS[i % COLOURS.length]}"/>`);
      parts.push(`<text x="${x + 20}" y="16" font-size="15" fill="#0b0c0c">${escape(s.label)}</text>`);
    });
  chart.categories.forEach((category, c) => {
    const y0 = legendH + c * rowH;
    parts.push(`<text x="0" y="${y0 + 17}" font-size="16" font-weight="bold" fill="#0b0c0c">${escape(category)}</text>`);
    chart.series.forEach((s, i) => {
      const y = y0 + LABEL_H + i * (BAR_H + GAP);
      const v = s.values[c] ?? null;
      const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, Math.round((v / max) * barSpace));
      if (w > 0) parts.push(`<rect x="0" y="${y}" width="${w}" height="${BAR_H}" fill="${COLOURS[i % COLOURS.length]}"/>`);
      parts.push(`<text x="${w + 6}" y="${y + 14}" font-size="15" fill="#0b0c0c">${escape(v === null ? chart.hiddenText : chart.format(v))}</text>`);
    });
  });
  const t = `${chart.id}-title`;
  const d = `${chart.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${t} ${d}" class="stats-chart__svg">` +
    `<title id="${t}">${escape(chart.title)}</title><desc id="${d}">${escape(chart.description)}</desc>` +
    parts.join('') +
    `</svg>`
  );
}
