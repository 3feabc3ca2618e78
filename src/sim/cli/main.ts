#!/usr/bin/env node
/**
 * The `cdk-decoupling-patterns` command (the package's bin). Not part of the jsii API: src/index.ts does not export it.
 */
import { processIo } from './io';
import { runCli } from './program';

runCli(process.argv.slice(2), processIo()).then(code => {
  process.exitCode = code;
}, err => {
  process.stderr.write(`cdk-decoupling-patterns: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
