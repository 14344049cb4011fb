import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a new forward-only migration from src/store/schema.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.ts",
  out: "./src/store/migrations",
});
