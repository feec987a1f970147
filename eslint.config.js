// ESLint flat config: typescript-eslint's type-aware rules over src and test. Prettier is the formatter,
// so no stylistic rules are enabled here; `npm run lint` runs both.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** Messenger libraries: only a transport (src/transports/*) may import them, never the core. */
const messengerPackages = ["grammy", "grammy/*", "@grammyjs/*", "viber-bot", "viber-bot/*"];

/** The globals plain Node scripts (test/run.mjs, this file) use. */
const nodeGlobals = { process: "readonly", console: "readonly", URL: "readonly" };

export default defineConfig(
  { ignores: ["node_modules/**", "dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use a named export (house style: no default exports)." },
        { selector: "ExportSpecifier[exported.name='default']", message: "Use a named export (house style: no default exports)." },
      ],
      // Sync implementations of async contracts (Storage on SQLite, test doubles) are async without awaiting, by design.
      "@typescript-eslint/require-await": "off",
      // A parameter kept for a shared signature is named with a leading underscore.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // A `let` declared before the closures that read it and assigned once later (late binding) stays a `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Flow answers and wire payloads stay `unknown` until parsed; String(value) is the deliberate conversion there.
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: messengerPackages, message: "src/core is messenger-neutral: only src/transports/* import messenger libraries." }] },
      ],
    },
  },
  {
    // The tools read their configuration from a default export.
    files: ["eslint.config.js", "test/vitest.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: nodeGlobals },
  },
);
