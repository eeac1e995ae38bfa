#!/usr/bin/env node
import { runCli } from './runCli.js';

// exitCode rather than process.exit(), so output piped to another program is flushed before Node exits.
process.exitCode = runCli(process.argv.slice(2), process);
