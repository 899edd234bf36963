// Bundles assets/site.css (Pico + Noto Sans with Cyrillic + Polis styles) into wwwroot/dist.
// Font files are named with their content hash (fonts/[name]-[hash]), so Polis caches them for a year (immutable).
// Every text file is also written compressed (.br at Brotli's strongest level, .gz at gzip's), once per build;
// Polis serves these to clients that accept them (src/Polis.Web/Compression.cs) and never compresses them per request.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const out = "wwwroot/dist";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["assets/site.css", "assets/site.js"],
  bundle: true,
  minify: true,
  outdir: out,
  loader: { ".woff2": "file", ".woff": "file" },
  assetNames: "fonts/[name]-[hash]",
  logLevel: "warning",
});

for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(css|js|svg|json|xml|txt)$/.test(entry.name)) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file);
  const br = brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
  const gz = gzipSync(text, { level: constants.Z_BEST_COMPRESSION });
  // A file too small to gain (site.js) is served as it is.
  if (br.length < text.length) writeFileSync(file + ".br", br); else rmSync(file + ".br", { force: true });
  if (gz.length < text.length) writeFileSync(file + ".gz", gz); else rmSync(file + ".gz", { force: true });
}
