// Bundles the browser code into static/dist/ (run by `npm run build`; `--watch` rebuilds on change).
// Everything is bundled at install time so the pages load no third-party script at run time.
import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const watch = process.argv.includes("--watch");

const outdir = "static/dist";

// Chunk names change with their content, and esbuild never deletes: after each build, remove
// the files in static/dist this build did not write (old chunks), so collectstatic ships only
// the current graph. Dotfiles (make's .built stamp) stay.
const removeStaleOutputs = {
  name: "remove-stale-outputs",
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length || !result.metafile) return;
      const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
      const dir = path.resolve(root, outdir);
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (!name.startsWith(".") && !written.has(file)) fs.rmSync(file);
      }
    });
  },
};

const options = {
  absWorkingDir: root,
  entryPoints: {
    exercise: "static/src/exercise.js",
    // The bare editor, for pages that only need code fields (exercise authoring).
    editor: "static/src/editor.js",
    "exercise-style": "static/src/exercise.css",
    // Every page: the phone menu button (tiny, imports nothing).
    site: "static/src/site.js",
    // The exercise list: search and filters.
    "exercise-list": "static/src/exercise-list.js",
    // KaTeX typesetting for every page with math (lessons, exercises, quizzes, previews); the
    // CSS it imports (KaTeX's and static/src/math.css) comes out as dist/math.css.
    math: "static/src/math.js",
  },
  outdir,
  bundle: true,
  // KaTeX's fonts, referenced by its CSS, are copied next to it (content-hashed names) so the
  // site serves them itself (CSP font-src 'self'); browsers fetch only the woff2 they need.
  loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
  assetNames: "[name]-[hash]",
  // Code shared by the entries (CodeMirror and editor.js) goes into one chunk file that both
  // import, so browsers download and cache CodeMirror once. Splitting needs format "esm"; the
  // pages load the entries with <script type="module"> or import(). The chunk is imported by a
  // relative path ("./chunk-<hash>.js"), which the hashed-manifest storage of production does
  // not rewrite: WhiteNoise serves the unhashed copy collectstatic keeps (60 s max-age, then
  // revalidated), and esbuild's content hash in the name means a new build never serves an old
  // chunk to a new entry (tested in mlquiz/tests/test_bundle.py).
  splitting: true,
  chunkNames: "chunk-[hash]",
  format: "esm",
  target: ["es2020"],
  minify: !watch,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "info",
  metafile: true,
  plugins: [removeStaleOutputs],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
