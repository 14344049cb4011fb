import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { PostbagError, type ErrorCode } from "../../errors.ts";
import { workerProcess } from "../../entry-points.ts";
import type { LetterText } from "./letter-text.ts";
import type { ReadRequest, ReadResult } from "./read-messages.ts";

// Reads many letter files on every core: one worker process per core, each
// sent files as it finishes others. Letters come back in the order given. The
// first file that cannot be read stops the lot, with its own error.

const WORKER = workerProcess("read-worker");
/** Files sent ahead to each worker, so it never waits for the next one. */
const AHEAD = 2;

export async function readLettersOnEveryCore(
  files: string[],
  onRead: (done: number, total: number) => void = () => {},
  workers = Math.min(availableParallelism(), Math.ceil(files.length / 50)),
): Promise<LetterText[]> {
  const letters: LetterText[] = new Array<LetterText>(files.length);
  if (files.length === 0) return letters;
  const children: ChildProcess[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (child: ChildProcess) => {
        if (next < files.length) child.send({ index: next, file: files[next] ?? "" } satisfies ReadRequest);
        next += 1;
      };
      for (let n = 0; n < Math.max(1, workers); n += 1) {
        const child = fork(WORKER.file, [], {
          execArgv: WORKER.execArgv,
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        });
        children.push(child);
        child.on("message", (result: ReadResult) => {
          if (result.type === "failed") {
            const { code, detail, location } = result.error;
            reject(new PostbagError(code as ErrorCode, detail, location));
            return;
          }
          letters[result.index] = result.letter;
          done += 1;
          onRead(done, files.length);
          if (done === files.length) resolve();
          else feed(child);
        });
        child.on("exit", (status) => {
          if (done < files.length)
            reject(new PostbagError("internal", `a letter reader stopped (exit ${status})`));
        });
        for (let ahead = 0; ahead < AHEAD; ahead += 1) feed(child);
      }
    });
  } finally {
    for (const child of children) child.kill();
  }
  return letters;
}
