import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", ".bench/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
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
    files: ["src/config.ts", "src/cli/main.ts", "test/**", "bench/**"],
    rules: { "no-restricted-properties": "off" },
  },
);
