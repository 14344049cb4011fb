/** Rows one multi-row statement carries at most: well under PostgreSQL's 65,535 parameters. */
export const BATCH_ROWS = 500;

/**
 * Runs `write` on the rows a batch at a time, in order, and gathers what each
 * returned. Between batches the event loop is given a turn: PGlite runs each
 * statement on this thread, so that a large import lets the server's other
 * requests in between its statements rather than only once it ends.
 */
export async function inBatches<Row, Result>(
  rows: Row[],
  write: (batch: Row[]) => Promise<Result[]>,
  size = BATCH_ROWS,
): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < rows.length; start += size) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    results.push(...(await write(rows.slice(start, start + size))));
  }
  return results;
}
