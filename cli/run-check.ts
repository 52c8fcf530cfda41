// After a forward pass: an error of the run (a value outside a module's domain) ends the command with exit 2
// and the line that names the node and the cause; warnings (bce's clamp) go to stderr and the command goes on.
import { diagnoseRun, type Program, type RunDiagnostic } from '../engine/index.ts';
import { CliError, type CliIo } from './io.ts';

export function reportDiagnostics(io: CliIo, file: string, diagnostics: readonly RunDiagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more node${errors.length > 2 ? 's' : ''} like it)` : '';
    throw new CliError(`${file}: ${errors[0]!.message}${more}`);
  }
  for (const d of diagnostics) io.stderr(`warning: ${file}: ${d.message}\n`);
}

/** Forward and backward, then the run's diagnostics as above. */
export function checkedRun(io: CliIo, file: string, program: Program): void {
  program.run();
  reportDiagnostics(io, file, diagnoseRun(program.nodes));
}
