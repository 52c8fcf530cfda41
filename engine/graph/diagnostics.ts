// What a run says beyond its numbers, per node: an input outside a module's domain (an error: bce fed a
// 1.7 gives NaN) or a module's own warning (bce's clamp bends the gradient). Typed, naming node and port.
import type { ModuleDef, ModuleWarningCode, NodeFrame } from '../modules/types.ts';
import { where } from './issues.ts';

export type RunDiagnosticCode = 'outside-domain' | ModuleWarningCode;

export interface RunDiagnostic {
  readonly code: RunDiagnosticCode;
  /** error: the numbers of this run mean nothing (NaN); warning: they are numbers, but read the message. */
  readonly severity: 'error' | 'warning';
  readonly nodeId: string;
  readonly kind: string;
  readonly port?: string;
  /** One line starting with the node (and port), e.g. `node "loss" (bce), port "pred": 1.7 … is outside [0, 1]; …`. */
  readonly message: string;
}

/** What diagnosing needs of a compiled node. */
export interface DiagnosedNode {
  readonly id: string;
  readonly kind: string;
  readonly def: ModuleDef<unknown>;
  readonly ports: readonly string[];
  readonly frame: NodeFrame<unknown>;
}

/** Every diagnostic of the last forward pass, in the order of the nodes. */
export function diagnoseRun(nodes: readonly DiagnosedNode[]): RunDiagnostic[] {
  const out: RunDiagnostic[] = [];
  for (const n of nodes) {
    const outside = outsideDomain(n);
    if (outside) { out.push(outside); continue; } // its warnings would be about meaningless numbers
    const w = n.def.diagnose?.(n.frame);
    if (w) out.push({ code: w.code, severity: 'warning', nodeId: n.id, kind: n.kind, port: w.port, message: `${where(n.id, n.kind, w.port)}: ${w.message}` });
  }
  return out;
}

/** The first error of the last forward pass (a value outside a domain), or null. */
export function firstRunError(nodes: readonly DiagnosedNode[]): RunDiagnostic | null {
  for (const n of nodes) {
    const d = outsideDomain(n);
    if (d) return d;
  }
  return null;
}

function outsideDomain(n: DiagnosedNode): RunDiagnostic | null {
  const domain = n.def.domain;
  if (!domain) return null;
  for (const [port, d] of Object.entries(domain)) {
    const x = n.frame.inputs[n.ports.indexOf(port)];
    if (!x) continue;
    let first = -1, count = 0;
    for (let i = 0; i < x.data.length; i++) {
      const v = x.data[i]!;
      // NaN and ±Infinity come from upstream (an overflow), not from wiring this port wrong.
      if (Number.isFinite(v) && (v < d.min || v > d.max)) { if (first < 0) first = i; count++; }
    }
    if (first < 0) continue;
    const F = x.shape[1] ?? 1;
    const more = count > 1 ? ` and ${count - 1} more value${count > 2 ? 's' : ''}` : '';
    return {
      code: 'outside-domain', severity: 'error', nodeId: n.id, kind: n.kind, port,
      message: `${where(n.id, n.kind, port)}: ${x.data[first]} (sample ${Math.floor(first / F)}, feature ${first % F})${more} ${count > 1 ? 'are' : 'is'} outside [${d.min}, ${d.max}], where ${n.kind} is not defined (its output is NaN); ${d.hint}`,
    };
  }
  return null;
}
