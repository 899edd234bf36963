// Reads one citation export with Citation.js and prints what it understood as CSL-JSON (an array of items).
// Usage: node parse.mjs <bibtex|ris|csl> <file>. Exit code 1 with a message when the input does not parse.
import { readFileSync } from 'node:fs';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

const [format, file] = process.argv.slice(2);
const forceType = { bibtex: '@bibtex/text', ris: '@ris/file', csl: '@csl/list+object' }[format];
if (!forceType || !file) {
  console.error('usage: node parse.mjs <bibtex|ris|csl> <file>');
  process.exit(2);
}
let text = readFileSync(file, 'utf8');
let input = format === 'csl' ? JSON.parse(text) : text;
try {
  const cite = await Cite.async(input, { forceType, strict: true });
  if (cite.data.length === 0) throw new Error('no record was read');
  process.stdout.write(JSON.stringify(cite.data));
} catch (e) {
  console.error(`${format} did not parse: ${e.message}`);
  process.exit(1);
}
