import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", ".bench/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: {
        process: "readonly",
        Buffer: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      // A promise nobody awaits loses its error: every one is awaited, returned or marked with void.
      "@typescript-eslint/no-floating-promises": "error",
      // Fastify plugins and hooks, and adapters that implement an async interface, are async by
      // contract even when one of them awaits nothing.
      "@typescript-eslint/require-await": "off",
      // Values from outside (spreadsheet cells, mail headers, PDF objects) are unknown, and are
      // made text with String() on purpose, after the shapes that have a better text are tried.
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Configuration is read once, in src/config.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "read configuration through src/config.ts" },
      ],
    },
  },
  {
    // Scripts the browser runs (progressive enhancement only).
    files: ["src/web/assets/**/*.js"],
    languageOptions: {
      globals: Object.fromEntries(
        ["document", "window", "fetch", "URLSearchParams", "FormData", "DOMParser"].map((name) => [
          name,
          "readonly",
        ]),
      ),
    },
  },
  {
    // Tests and benchmarks hand methods unbound (expect(fn), timers), and read the JSON that
    // commands print, which is `any` by nature; the checks that matter there are the assertions.
    files: ["test/**", "bench/**"],
    rules: {
      // Parsed CSV and SQL rows are asserted to the shape a test expects, on purpose.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  {
    files: ["src/config.ts", "src/cli/main.ts", "test/**", "bench/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Type-aware rules read the TypeScript program (tsconfig.json); the browser's scripts and the
    // build scripts are plain JavaScript outside it.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
