import { readFileSync } from "node:fs";

// CPU time, for reading a benchmark on a shared machine: if other processes
// were busy during a run, its wall time says more about them than about us.
// Linux reports both in USER_HZ ticks, which are 1/100 s.
const TICK = 100;

/** CPU seconds of this process's reaped children and all theirs (cutime + cstime). */
export function childrenCpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / TICK;
}

/** CPU seconds the whole machine has spent busy (not idle, not waiting for I/O) since boot. */
export function machineBusySeconds(): number {
  const [, ...ticks] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  // Skips idle and iowait: the 4th and 5th counters.
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICK;
}
