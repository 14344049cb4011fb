import { main } from "./main.ts";

// The postbag process: bin/postbag runs this (bundled in dist/cli.js, or from
// the sources through tsx).
process.exitCode = await main(process.argv.slice(2));
