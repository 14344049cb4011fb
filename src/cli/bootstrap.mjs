// Runs the postbag command from its TypeScript sources, through tsx: for
// development, and when the bundle in dist/ cannot be built (bin/postbag).
import { register } from "tsx/esm/api";

register();
await import("./run.ts");
