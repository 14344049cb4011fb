import type { Output } from "./command.ts";

// A progress bar on a terminal; nothing at all when output is piped or logged.
export interface Progress {
  update: (done: number, total: number) => void;
  end(): void;
}

export function progressBar(label: string, stream: Output): Progress {
  if (!stream.isTTY) return { update: () => {}, end: () => {} };
  const started = Date.now();
  let drawn = false;
  return {
    update(done, total) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      stream.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} (${rate}/s)`,
      );
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\n");
    },
  };
}
