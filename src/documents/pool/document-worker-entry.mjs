// The document thread's entry. Running from the TypeScript sources (npm
// start, tests), a thread does not inherit the tsx loader of its process, so
// it registers it before loading the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./document-worker.ts");
