import { formatDate } from "../../plugins/views.ts";
import type { ChartPoint } from "../../../campaigns/queries/replies-over-time.ts";

// The board's chart of letters sent and replies received over time, drawn on
// the server as SVG (no script, no inline style), with its numbers also given
// as a table for people who cannot see it.

export interface ReplyChart {
  width: number;
  height: number;
  sentPath: string;
  repliesPath: string;
  /** Labels for the y axis (counts) and x axis (first and last day). */
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string; anchor: "start" | "end" }[];
  description: string;
  points: ChartPoint[];
}

const WIDTH = 600;
const HEIGHT = 220;
const PAD = { left: 40, right: 16, top: 12, bottom: 28 };

export function replyChart(points: ChartPoint[], letters: number): ReplyChart | null {
  if (points.length === 0) return null;
  const first = Date.parse(points[0]?.date ?? "");
  const last = Date.parse(points.at(-1)?.date ?? "");
  const span = Math.max(last - first, 1);
  const top = Math.max(letters, 1);
  const x = (date: string) => PAD.left + ((Date.parse(date) - first) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (count: number) => HEIGHT - PAD.bottom - (count / top) * (HEIGHT - PAD.top - PAD.bottom);
  const steps = (value: (point: ChartPoint) => number) =>
    points
      .map((point, index) => {
        const previous = index === 0 ? 0 : value(points[index - 1] as ChartPoint);
        return `${index === 0 ? "M" : "L"}${x(point.date).toFixed(1)},${y(previous).toFixed(1)} L${x(point.date).toFixed(1)},${y(value(point)).toFixed(1)}`;
      })
      .join(" ");
  const latest = points.at(-1) as ChartPoint;
  return {
    width: WIDTH,
    height: HEIGHT,
    sentPath: steps((point) => point.sentCumulative),
    repliesPath: steps((point) => point.cumulative),
    yTicks: [0, Math.round(top / 2), top].map((count) => ({ y: y(count), label: String(count) })),
    xLabels: [
      { x: PAD.left, label: points[0]?.date ?? "", anchor: "start" },
      { x: WIDTH - PAD.right, label: latest.date, anchor: "end" },
    ],
    description: `By ${formatDate(latest.date)}: ${latest.sentCumulative} of ${letters} letters sent, ${latest.cumulative} ${latest.cumulative === 1 ? "reply" : "replies"} received.`,
    points,
  };
}
