// A bench server thread's entry: a thread does not inherit the tsx loader of
// its process, so it registers it before loading the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./records-instance-worker.ts");
