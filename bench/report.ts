import { availableParallelism } from "node:os";

// The figures of one bench run, judged against issue 2's targets (stated for
// 2 cores), kept as JSON for the record; format-report.ts prints them.

export interface Figures {
  letters: number;
  /** Wall time: postbag's from spawn to exit, the peer's of its rendering loop. */
  seconds: number;
  peakRssBytes: number;
  /** CPU time of the whole process tree (the peer's includes Python's start-up). */
  cpuSeconds: number;
  /** CPU time taken by other processes on the machine meanwhile. */
  otherCpuSeconds: number;
}

export type Rated = Figures & { lettersPerSecond: number; peakRssMb: number };
export type Peer = (Rated & { name: string }) | { missing: string };

export interface Target {
  name: string;
  value: number;
  target: string;
  pass: boolean | null;
}

export interface Report {
  date: string;
  cores: number;
  env: Record<string, string | undefined>;
  postbag: Rated;
  peer: Peer;
  targets: Target[];
}

const rate = <T extends Figures>(f: T): T & Rated => ({
  ...f,
  lettersPerSecond: f.letters / f.seconds,
  peakRssMb: f.peakRssBytes / (1024 * 1024),
});

export function makeReport(
  postbag: Figures,
  peer: (Figures & { name: string }) | { missing: string },
): Report {
  const ours = rate(postbag);
  const theirs = "missing" in peer ? peer : rate(peer);
  const ratio = "missing" in theirs ? NaN : ours.lettersPerSecond / theirs.lettersPerSecond;
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    env: {
      POSTBAG_RENDER_WORKERS: process.env.POSTBAG_RENDER_WORKERS,
      POSTBAG_RECYCLE_AFTER: process.env.POSTBAG_RECYCLE_AFTER,
    },
    postbag: ours,
    peer: theirs,
    targets: [
      {
        name: "PDF letters/s",
        value: ours.lettersPerSecond,
        target: ">= 100",
        pass: ours.lettersPerSecond >= 100,
      },
      {
        name: "peak RSS, MB (whole tree)",
        value: ours.peakRssMb,
        target: "<= 600",
        pass: ours.peakRssMb <= 600,
      },
      {
        name: "times WeasyPrint's letters/s",
        value: ratio,
        target: ">= 10",
        pass: Number.isNaN(ratio) ? null : ratio >= 10,
      },
    ],
  };
}
