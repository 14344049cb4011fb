// `npm test`: the static checks (types, lint, format) run beside the tests
// rather than before them, so CI waits for the longest, not the sum. The
// tests' output streams as it comes; each check's output is printed when it
// ends. Any failure fails the whole.
import { spawn } from "node:child_process";
import { constants, setPriority } from "node:os";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const CHECKS = [
  ["types", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
];

function run(label, command, args, stream) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"] });
    // The checks yield the processor to the tests: some of those assert that a page answers
    // within a second while work goes on, and the checks only need to finish before the tests do.
    if (!stream && child.pid) setPriority(child.pid, constants.priority.PRIORITY_LOW);
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ label, ok: false, output: error.message, seconds: 0 }));
    child.on("close", (code) =>
      resolve({ label, ok: code === 0, output, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

const checks = CHECKS.map(([label, command, args]) =>
  run(label, command, args, false).then((result) => {
    const verdict = result.ok ? "passed" : "FAILED";
    process.stdout.write(`\n[${label}] ${verdict} in ${result.seconds.toFixed(0)} s\n`);
    if (!result.ok) process.stdout.write(result.output);
    return result;
  }),
);
const tests = run("tests", bin("vitest"), ["run", ...process.argv.slice(2)], true);
const results = await Promise.all([...checks, tests]);
const failed = results.filter((result) => !result.ok).map((result) => result.label);
if (failed.length > 0) process.stdout.write(`\nnpm test failed: ${failed.join(", ")}\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
