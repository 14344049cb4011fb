import { setFlagsFromString } from "node:v8";

/**
 * The embedded database is PostgreSQL compiled to 9 MB of WebAssembly. V8
 * first compiles it quickly (Liftoff), then again, optimised (TurboFan), on
 * other threads: for a command that runs a few queries and ends, that second
 * compilation is half the CPU of the whole command and never pays back
 * (status: about 1 s of CPU instead of 2 s on 2 cores). Commands therefore
 * keep the quick code only; `serve`, which runs for days, is optimised as
 * usual (a long query over 200,000 rows took 37% longer unoptimised).
 * Set before any WebAssembly is compiled, for this process only.
 */
export function compileForQuickStart(): void {
  setFlagsFromString("--liftoff-only");
}
