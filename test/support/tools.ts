import { spawnSync } from "node:child_process";

// Some tests read files back with programs from Debian packages, installed
// by .ci/run. Outside CI a missing program skips those tests, saying why;
// under CI=true nothing is skipped, so a missing program fails loudly.

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

/** True when tests needing `command` must be skipped (never under CI). */
export function missingOutsideCi(command: string): boolean {
  return process.env.CI !== "true" && !hasCommand(command);
}

export const NO_POPPLER = missingOutsideCi("pdftotext");
export const POPPLER_REASON = "needs poppler's pdftotext (Debian: poppler-utils; .ci/run installs it)";
