import { processIo } from './output';
import { runCli } from './run';

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
