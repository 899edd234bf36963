// Bundles assets/site.css (Pico + Noto Sans with Cyrillic + Polis styles) into wwwroot/dist.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";

mkdirSync("wwwroot/dist", { recursive: true });
await build({
  entryPoints: ["assets/site.css", "assets/site.js"],
  bundle: true,
  minify: true,
  outdir: "wwwroot/dist",
  loader: { ".woff2": "file", ".woff": "file" },
  assetNames: "fonts/[name]-[hash]",
  logLevel: "warning",
});
