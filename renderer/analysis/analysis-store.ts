// Results of the math panels (Jacobian, Hessian, gradient check). Each request carries an id; a reply
// to anything but the latest request of its kind is stale and dropped.
import { create } from 'zustand';
import type { Graph } from '../../engine/index.ts';
import type { AnalysisReply, GradcheckSummary, HessianReport, JacobianReport } from '../training/protocol.ts';

interface Slot<R> { id: number; pending: boolean; report: R | null; error: string | null }
const empty = <R>(): Slot<R> => ({ id: 0, pending: false, report: null, error: null });

export interface AnalysisSnapshot {
  jacobian: Slot<JacobianReport>;
  hessian: Slot<HessianReport>;
  /** `graph` is the document the check ran on: badges show only while it is still the document. */
  gradcheck: Slot<GradcheckSummary> & { graph: Graph | null };
}

export const initialAnalysis = (): AnalysisSnapshot => ({ jacobian: empty(), hessian: empty(), gradcheck: { ...empty(), graph: null } });

let nextId = 0;
export const newRequestId = (): number => ++nextId;

export function reduceAnalysis(s: AnalysisSnapshot, reply: AnalysisReply): AnalysisSnapshot {
  switch (reply.type) {
    case 'jacobian-result':
      return reply.id === s.jacobian.id ? { ...s, jacobian: { ...s.jacobian, pending: false, report: reply.report, error: null } } : s;
    case 'hessian-result':
      return reply.id === s.hessian.id ? { ...s, hessian: { ...s.hessian, pending: false, report: reply.report, error: null } } : s;
    case 'gradcheck-result':
      return reply.id === s.gradcheck.id ? { ...s, gradcheck: { ...s.gradcheck, pending: false, report: reply.report, error: null } } : s;
    case 'analysis-error': {
      const slot = s[reply.request];
      if (reply.id !== slot.id) return s;
      return { ...s, [reply.request]: { ...slot, pending: false, report: null, error: reply.message } };
    }
  }
}

interface AnalysisStore extends AnalysisSnapshot {
  apply(reply: AnalysisReply): void;
  requested(kind: 'jacobian' | 'hessian', id: number): void;
  requestedGradcheck(id: number, graph: Graph): void;
}

export const useAnalysis = create<AnalysisStore>()((set, get) => ({
  ...initialAnalysis(),
  apply: (reply) => set(reduceAnalysis(get(), reply)),
  requested: (kind, id) => set((s) => ({ [kind]: { ...s[kind], id, pending: true } })),
  requestedGradcheck: (id, graph) => set((s) => ({ gradcheck: { ...s.gradcheck, id, pending: true, graph } })),
}));
