/** Rows one multi-row statement carries at most: well under PostgreSQL's 65,535 parameters. */
export const BATCH_ROWS = 500;

/**
 * Runs `write` on the rows a batch at a time, in order, and gathers what each
 * returned. Between batches the event loop gets a turn: PGlite runs each
 * statement on this thread and settles it without one, so a large import
 * would otherwise hold the server's requests until its last statement.
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
