// File → validated Program, turning every failure into one line that names the file and what is wrong.
import { compileGraph, GraphFileError, GraphValidationError, readDocument, type Graph, type Program } from '../engine/index.ts';
import { CliError, type CliIo } from './io.ts';

/** The file's content, or one line saying why it cannot be read. */
export function readInput(io: CliIo, file: string): Uint8Array | string {
  try {
    return io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CliError(`${file}: cannot read (${why})`);
  }
}

export function loadGraph(io: CliIo, file: string): Graph {
  const content = readInput(io, file);
  try {
    return readDocument(content).graph;
  } catch (e) {
    if (e instanceof GraphFileError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}

export function loadProgram(io: CliIo, file: string): { graph: Graph; program: Program } {
  const graph = loadGraph(io, file);
  try {
    return { graph, program: compileGraph(graph) };
  } catch (e) {
    if (e instanceof GraphValidationError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}
