// Bundles the browser code into static/dist/ (run by `npm run build`; `--watch` rebuilds on change).
// Everything is bundled at install time so the pages load no third-party script at run time.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const watch = process.argv.includes("--watch");

const options = {
  absWorkingDir: root,
  entryPoints: {
    exercise: "static/src/exercise.js",
    // The bare editor, for pages that only need code fields (exercise authoring).
    editor: "static/src/editor.js",
    "exercise-style": "static/src/exercise.css",
  },
  outdir: "static/dist",
  bundle: true,
  format: "esm",
  target: ["es2020"],
  minify: !watch,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "info",
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
