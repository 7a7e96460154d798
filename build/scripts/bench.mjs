// `npm run bench`: every benchmark, one after the other, each in its own process so one's memory
// does not weigh on the next. Not part of `npm test`: benchmarks take minutes and their figures
// depend on the machine. Arguments (e.g. --quick) are passed to each benchmark. Both accept --quick;
// the others are each benchmark's own and make the other one stop with exit 2.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = [
  { name: 'merge', script: fileURLToPath(new URL('./bench-merge.mjs', import.meta.url)) },
  { name: 'ui', script: fileURLToPath(new URL('./bench-ui.mjs', import.meta.url)) },
];

let failed = 0;
for (const { name, script } of BENCHMARKS) {
  console.log(`\n=== benchmark: ${name} ===`);
  const { status } = spawnSync(process.execPath, [script, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (status !== 0) {
    failed += 1;
    console.log(`--- benchmark ${name} failed (exit ${String(status)})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
