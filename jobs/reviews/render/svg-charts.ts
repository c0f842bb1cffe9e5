// Charts as plain SVG strings, drawn on the server with no browser: a metric's trend against its
// goal, and the movers as bars. Pure. Numbers become float coordinates here only, for drawing.
import { commitmentMetrics, type CommitmentsSection, type Mover, type ReviewMetric } from "../../../db/domain/review-model";
import { formatSignedUsd, formatValue } from "./format";

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 70, right: 34, top: 28, bottom: 30 };
const COLORS = { line: "#2563eb", goal: "#d97706", grid: "#e5e7eb", text: "#374151", up: "#dc2626", down: "#16a34a" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const text = (x: number, y: number, body: string, anchor = "start", size = 11) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" fill="${COLORS.text}" text-anchor="${anchor}" font-family="Helvetica, Arial, sans-serif">${escapeXml(body)}</text>`;

const trendHeading = (metric: ReviewMetric) => `${metric.label} trend (${metric.unitLabel})`;
const moversHeading = (title: string) => `${title}, change against the previous period`;

/** The metric's trend as a line, its goal as a dashed line; gaps where a period has no value. */
export function trendChartSvg(metric: ReviewMetric): string {
  const values = metric.trend.map((p) => (p.value === null ? null : Number(p.value)));
  const goal = metric.goal ? Number(metric.goal.value) : null;
  const known = [...values.filter((v): v is number => v !== null), ...(goal === null ? [] : [goal])];
  // A line chart need not start at zero: the axis spans the data (and goal) with a margin.
  const high = known.length ? Math.max(...known) : 1;
  const low = known.length ? Math.min(...known) : 0;
  const margin = (high - low || Math.abs(high) || 1) * 0.15;
  const max = high + margin;
  const min = low - margin;
  const span = max - min;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (values.length > 1 ? (i * plotW) / (values.length - 1) : plotW / 2);
  const y = (v: number) => PAD.top + plotH - ((v - min) / span) * plotH;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(metric.label)} trend" data-chart="${metric.key}">`,
    `<title>${escapeXml(metric.label)}</title>`,
    text(PAD.left, 16, trendHeading(metric), "start", 12),
    `<line x1="${PAD.left}" y1="${y(low).toFixed(1)}" x2="${WIDTH - PAD.right}" y2="${y(low).toFixed(1)}" stroke="${COLORS.grid}"/>`,
    `<line x1="${PAD.left}" y1="${y(high).toFixed(1)}" x2="${WIDTH - PAD.right}" y2="${y(high).toFixed(1)}" stroke="${COLORS.grid}"/>`,
    text(PAD.left - 6, y(high) + 4, formatValue(String(high), metric.format), "end", 10),
    text(PAD.left - 6, y(low) + 4, formatValue(String(low), metric.format), "end", 10),
  ];
  if (goal !== null) {
    parts.push(`<line x1="${PAD.left}" y1="${y(goal).toFixed(1)}" x2="${WIDTH - PAD.right}" y2="${y(goal).toFixed(1)}" stroke="${COLORS.goal}" stroke-dasharray="5 4"/>`);
    parts.push(text(WIDTH - PAD.right, y(goal) - 4, `goal ${formatValue(metric.goal!.value, metric.format)}`, "end", 10));
  }
  for (const points of segments) parts.push(`<polyline fill="none" stroke="${COLORS.line}" stroke-width="2" points="${points}"/>`);
  values.forEach((v, i) => {
    if (v !== null) parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${COLORS.line}"/>`);
  });
  metric.trend.forEach((p, i) => parts.push(text(x(i), HEIGHT - 10, p.period, "middle", 9)));
  const last = metric.trend.at(-1);
  if (last?.value != null) parts.push(text(x(values.length - 1), y(Number(last.value)) - 8, formatValue(last.value, metric.format), "end", 10));
  parts.push("</svg>");
  return parts.join("");
}

/** Movers as horizontal bars from a zero line: increases red to the right, decreases green to the left. */
export function moversChartSvg(title: string, key: string, movers: readonly Mover[]): string {
  const rowH = 24;
  const height = 34 + Math.max(1, movers.length) * rowH;
  const labelW = 220;
  const plotW = WIDTH - labelW - 90;
  const largest = Math.max(1, ...movers.map((m) => Math.abs(Number(m.changeUsd))));
  const zero = labelW + plotW / 2;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(title)}" data-chart="${escapeXml(key)}">`,
    `<title>${escapeXml(title)}</title>`,
    text(8, 16, moversHeading(title), "start", 12),
    `<line x1="${zero}" y1="24" x2="${zero}" y2="${height - 4}" stroke="${COLORS.grid}"/>`,
  ];
  if (!movers.length) parts.push(text(8, 44, "No change"));
  movers.forEach((m, i) => {
    const change = Number(m.changeUsd);
    const w = (Math.abs(change) / largest) * (plotW / 2);
    const top = 28 + i * rowH;
    const name = m.name.length > 34 ? `${m.name.slice(0, 33)}…` : m.name;
    parts.push(text(8, top + 14, name, "start", 10));
    parts.push(`<rect x="${(change >= 0 ? zero : zero - w).toFixed(1)}" y="${top + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${change >= 0 ? COLORS.up : COLORS.down}"/>`);
    parts.push(text(WIDTH - 8, top + 14, formatSignedUsd(m.changeUsd), "end", 10));
  });
  parts.push("</svg>");
  return parts.join("");
}

export interface ReviewChart {
  key: string;
  /** File name beside a Markdown document. */
  file: string;
  title: string;
  /** The text the chart draws at its top (not in the document around it). */
  heading: string;
  svg: string;
}

/** Every chart of a document: one per headline metric, then the service and account movers. */
export function reviewCharts(doc: { metrics: readonly ReviewMetric[]; movers: { services: readonly Mover[]; accounts: readonly Mover[] }; commitments?: CommitmentsSection }): ReviewChart[] {
  return [
    ...[...doc.metrics, ...(doc.commitments ? commitmentMetrics(doc.commitments) : [])].map((m) => ({ key: m.key, file: `chart-${m.key.replaceAll("_", "-")}.svg`, title: `${m.label} trend`, heading: trendHeading(m), svg: trendChartSvg(m) })),
    { key: "movers_services", file: "chart-movers-services.svg", title: "Biggest movers: services", heading: moversHeading("Biggest movers: services"), svg: moversChartSvg("Biggest movers: services", "movers_services", doc.movers.services) },
    { key: "movers_accounts", file: "chart-movers-accounts.svg", title: "Biggest movers: accounts", heading: moversHeading("Biggest movers: accounts"), svg: moversChartSvg("Biggest movers: accounts", "movers_accounts", doc.movers.accounts) },
  ];
}
