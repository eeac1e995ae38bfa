#!/usr/bin/env node
import { runCli } from './runCli.js';

// exitCode rather than process.exit(), so output piped to another program is flushed before Node exits.
// No top-level await: the command line is also built as CommonJS.
void Promise.resolve(runCli(process.argv.slice(2), process)).then((code) => {
  process.exitCode = code;
});
