#!/usr/bin/env node
// backprop-studio CLI: the engine, headless. Bad input exits 2 with one line on stderr, never a stack trace.
import { BudgetError, GraphQueryError, quote } from '../engine/index.ts';
import { writeFileAtomic } from '../node-io/atomic-write.ts';
import { exportCommand, exportUsage } from './commands/export.ts';
import { gradcheckCommand, gradcheckUsage } from './commands/gradcheck.ts';
import { hessianCommand, hessianUsage } from './commands/hessian.ts';
import { importCommand, importUsage } from './commands/import.ts';
import { jacobianCommand, jacobianUsage } from './commands/jacobian.ts';
import { linkCommand, linkUsage } from './commands/link.ts';
import { runCommand, runUsage } from './commands/run.ts';
import { trainCommand, trainUsage } from './commands/train.ts';
import { CliError, type CliIo, EXIT, oneLine, terminalSafe } from './io.ts';
import { readFileBytes } from './read-file.ts';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const commands: Record<string, { run: Command; usage: string }> = {
  run: { run: runCommand, usage: runUsage },
  gradcheck: { run: gradcheckCommand, usage: gradcheckUsage },
  hessian: { run: hessianCommand, usage: hessianUsage },
  jacobian: { run: jacobianCommand, usage: jacobianUsage },
  train: { run: trainCommand, usage: trainUsage },
  export: { run: exportCommand, usage: exportUsage },
  import: { run: importCommand, usage: importUsage },
  link: { run: linkCommand, usage: linkUsage },
};

export function usage(): string {
  return `usage: backprop-studio <command>\n${Object.values(commands).map((c) => `  ${c.usage}`).join('\n')}\n`;
}

export async function main(argv: string[], raw: CliIo): Promise<number> {
  // Whatever a message or table missed, no control character from a file reaches the terminal raw.
  const io = terminalSafe(raw);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`backprop-studio: unknown command ${quote(name)}\n${usage()}`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError || e instanceof GraphQueryError || e instanceof BudgetError) {
      io.stderr(`backprop-studio ${name}: ${oneLine(e.message)}\n`);
      return EXIT.badInput;
    }
    io.stderr(`backprop-studio ${name}: internal error: ${oneLine((e as Error).message ?? String(e))}\n`);
    return 3;
  }
}

export function registerCommand(name: string, run: Command, usageText: string): void {
  commands[name] = { run, usage: usageText };
}

export const nodeIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
  // Type and size checked before reading: a FIFO, a device or a 5 GB file is refused at once.
  readFile: (p) => readFileBytes(p),
  // Temp file, fsync, rename: a kill or a full disk leaves the old file, never a torn one.
  writeFile: (p, s) => writeFileAtomic(p, s),
};

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main(process.argv.slice(2), nodeIo).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`backprop-studio: internal error: ${String(e)}\n`); process.exitCode = 3; },
  );
}
