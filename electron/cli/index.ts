import { processIo } from './output';
import { runCli } from './run';

// exitCode rather than process.exit(): pending writes to stdout still flush before Node exits.
process.exitCode = runCli(process.argv.slice(2), processIo);
