import { parentPort, workerData } from 'node:worker_threads';
import { processIo } from './output';
import { runCli } from './run';
import { useWorkerScript } from './verify-pool';
import { isVerifyWorkerData, runVerifyWorker } from './verify-worker';

// The CLI is one file (dist/cli.cjs): `merge` starts its verify workers from this same file, and
// a worker is told apart by its workerData.
if (parentPort !== null && isVerifyWorkerData(workerData)) {
  runVerifyWorker(workerData, parentPort);
} else {
  // exceljs's streaming workbook writer (used by `merge`) goes through a library that still calls
  // `new Buffer()`; Node's DEP0005 warning would reach every coordinator's terminal, yet it says
  // nothing about their files. The CLI's own code uses no deprecated API (lint and tests watch it).
  process.noDeprecation = true;
  // `__filename` is the bundle's own path in the CommonJS output (dist/cli.cjs, or a copy under
  // any name). Run from the TypeScript sources there is no bundle a worker could load, and files
  // are verified in-process.
  if (typeof __filename === 'string' && !/\.[cm]?ts$/.test(__filename)) useWorkerScript({ file: __filename });
  // `egov-desk merge … | head`: the reader has gone, so there is no one left to write to; stop
  // quietly instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  // exitCode rather than process.exit(): pending writes to stdout still flush before Node exits.
  runCli(process.argv.slice(2), processIo, { cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`egov-desk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
