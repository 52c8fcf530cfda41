#!/usr/bin/env node
// Global entry point: the bundled CLI when built (npm pack builds it), else the TypeScript sources via tsx.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist-cli/cli.mjs', import.meta.url);
let cli;
if (existsSync(bundled)) {
  cli = await import(bundled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../cli/main.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2), cli.nodeIo);
