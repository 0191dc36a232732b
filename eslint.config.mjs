// ESLint for the project's JavaScript: `invoke lint` and the pre-commit hook run it.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Built site, caches and installed packages are not the project's code.
    ignores: ["output/", "cache/", "node_modules/", ".venv/"],
  },
  js.configs.recommended,
  {
    // The theme's scripts run in the reader's browser as classic scripts (no modules),
    // loaded one after the other: lunr and its languages, then the pipeline, then search.
    files: ["theme/static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // search-pipeline.js also runs in Node, where the tests load it with require().
        module: "readonly",
      },
    },
  },
  {
    // The test and benchmark helpers run in Node as CommonJS.
    files: ["tests/**/*.cjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: globals.node,
    },
  },
];
