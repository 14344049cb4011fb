import { availableParallelism } from "node:os";
import type { Format } from "../src/letters/model.ts";
import type { Checked } from "./learn-check.ts";
import type { Figures, Rated } from "./report.ts";

// The learn bench's figures, judged against the target of the issue that
// asked for `postbag learn` ("1,000 letters learned in under a minute on 2
// cores"), kept as JSON for the record. The
// peer is `postbag render` making the same letters in the same run: learning
// is given as a ratio to it, which a busy shared machine changes less than
// the seconds themselves.

export interface FormatRun {
  format: Format;
  /** Rendering the letters that learn then reads. */
  render: Figures;
  learn: Figures;
  check: Checked;
}

export interface Target {
  name: string;
  value: number | string;
  target: string;
  pass: boolean;
}

export interface RatedRun {
  format: Format;
  render: Rated;
  learn: Rated;
  /** Learn's seconds for 1,000 letters, in proportion when fewer were learned. */
  secondsPer1000: number;
  /** Learn's wall time over rendering the same letters as text, and in the same format. */
  ratios: { renderTxt: number; renderSame: number };
  check: Checked;
}

export interface LearnReport {
  date: string;
  cores: number;
  env: Record<string, string | undefined>;
  runs: RatedRun[];
  targets: Target[];
}

const rate = (f: Figures): Rated => ({
  ...f,
  lettersPerSecond: f.letters / f.seconds,
  peakRssMb: f.peakRssBytes / (1024 * 1024),
});

export function makeLearnReport(runs: FormatRun[]): LearnReport {
  const txt = runs.find((run) => run.format === "txt");
  const rated = runs.map(({ format, render, learn, check }) => ({
    format,
    render: rate(render),
    learn: rate(learn),
    secondsPer1000: (learn.seconds * 1000) / learn.letters,
    ratios: {
      renderTxt: txt ? learn.seconds / txt.render.seconds : NaN,
      renderSame: learn.seconds / render.seconds,
    },
    check,
  }));
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    env: { POSTBAG_RENDER_WORKERS: process.env.POSTBAG_RENDER_WORKERS },
    runs: rated,
    targets: rated.flatMap((run) => [
      {
        name: `${run.format}: seconds per 1,000 letters`,
        value: run.secondsPer1000,
        target: "< 60",
        pass: run.secondsPer1000 < 60,
      },
      {
        name: `${run.format}: learned campaign`,
        value: `${run.check.rows} rows, ${run.check.placeholders.join(" ")}`,
        target: `${run.learn.letters} rows`,
        pass: run.check.problems.length === 0,
      },
    ]),
  };
}
