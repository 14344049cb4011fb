import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleep } from "../../src/mail-out/send-worker.ts";

// `postbag serve` sleeps between looks at the send queue for days: each sleep
// must give back its listener on the stop signal (Node warned of eleven after
// three seconds, and each one left would be kept until the server stopped).
describe("the send worker's sleep between polls", () => {
  it("leaves no listener on the stop signal once it has slept", async () => {
    const stopping = new AbortController();
    for (let poll = 0; poll < 20; poll += 1) await sleep(1, stopping.signal);
    expect(getEventListeners(stopping.signal, "abort")).toHaveLength(0);
  });

  it("ends at once when the signal aborts", async () => {
    const stopping = new AbortController();
    const started = performance.now();
    const slept = sleep(60_000, stopping.signal);
    stopping.abort();
    await slept;
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
