// Where a benchmark run writes its figures: bench/.results/ (git-ignored), so that a run leaves
// the working tree clean, or with --save bench/results/, the committed figures the README shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const save = process.argv.includes('--save');

/** Writes each named file into the output folder and says where, on stderr. */
export function writeResults(files) {
  const dir = fileURLToPath(new URL(save ? './results/' : './.results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(`${dir}${name}`, text);
  const shown = save ? 'bench/results/' : 'bench/.results/ (pass --save to update bench/results/)';
  console.error(`wrote ${Object.keys(files).join(' and ')} to ${shown}`);
}
