#!/usr/bin/env node
import { runCli } from './runCli.js';

// exitCode rather than process.exit(), so output piped to another program is flushed before Node exits.
const status = runCli(process.argv.slice(2), process);
if (typeof status === 'number') process.exitCode = status;
else
  void status.then((code) => {
    process.exitCode = code;
  });
