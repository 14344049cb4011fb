import { readdirSync, readFileSync } from "node:fs";

// Peak resident memory of a whole process tree: a pool's workers come and
// go, so the root's own RSS (or getrusage of one child) would miss most of it.
// Every sample walks /proc for the root's descendants and sums their VmRSS.

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return ""; // the process ended between listing and reading
  }
}

/** Parent pid from /proc/<pid>/stat; the command name may hold spaces or ")". */
function parentOf(pid: string): string | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
}

/** The root and all its living descendants. */
export function processTree(root: number): string[] {
  const children = new Map<string, string[]>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const parent = parentOf(pid);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree = [String(root)];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i] as string) ?? []));
  return tree;
}

/** Sum of VmRSS over the tree, in bytes. */
export function treeRss(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readOr(`/proc/${pid}/status`));
    kb += match ? Number(match[1]) : 0;
  }
  return kb * 1024;
}

/** Samples the tree every `everyMs` until stopped; `stop()` gives the peak in bytes. */
export function watchTreeRss(root: number, everyMs = 50): { stop: () => number; samples: () => number } {
  let peak = 0;
  let count = 0;
  const sample = () => {
    peak = Math.max(peak, treeRss(root));
    count += 1;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
    samples: () => count,
  };
}
