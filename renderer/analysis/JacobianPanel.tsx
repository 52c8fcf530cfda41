// The local Jacobians of the selected node for one sample, and the chain-rule check: the gradient
// arriving at the node times ∂out/∂in must equal the gradient the incoming edge carries back.
import { useEffect, useState } from 'react';
import { formatNumber } from '../../interop/notation/format.ts';
import { gradText, nodeSymbols } from '../../interop/notation/symbols.ts';
import { useDocument } from '../store/document-store.ts';
import { useServices } from '../services.tsx';
import { useAnalysis } from './analysis-store.ts';
import { MatrixView, VectorView } from './MatrixView.tsx';

export const CHECK_TOLERANCE = 1e-9;

export function JacobianPanel() {
  const { training } = useServices();
  const graph = useDocument((s) => s.graph);
  const nodeId = useDocument((s) => (s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null));
  const [sample, setSample] = useState(0);
  const slot = useAnalysis((s) => s.jacobian);
  useEffect(() => {
    if (!nodeId || !Number.isInteger(sample) || sample < 0) return;
    const t = setTimeout(() => void training.jacobian(graph, nodeId, sample), 100);
    return () => clearTimeout(t);
  }, [training, graph, nodeId, sample]);
  if (!nodeId) return <p className="muted" data-testid="jacobian-empty">Select one node on the canvas to see its local Jacobians.</p>;
  const r = slot.report?.nodeId === nodeId ? slot.report : null;
  // The lecture's notation, as in Step mode: a linear node's output is z, its weight w, an activation's h.
  const me = nodeSymbols(graph, nodeId);
  const out = me.out.text;
  return (
    <section className="bps-analysis" aria-label="Jacobian" data-testid="jacobian-panel" data-node={nodeId} data-pending={slot.pending}>
      <div className="bps-analysis-controls">
        <strong>{me.name}</strong> <span className="muted">({out}{r ? `, ${r.kind}` : ''})</span>
        <label>Sample <input type="number" aria-label="Sample" min={0} max={r ? r.batch - 1 : undefined} step={1} value={sample}
          onChange={(e) => setSample(e.target.valueAsNumber)} /></label>
        {r ? <span className="muted">of {r.batch}</span> : null}
      </div>
      {slot.error ? <p className="bps-train-error" role="alert">{slot.error}</p> : null}
      {r && r.inputs.length === 0 && r.params.length === 0 ? <p className="muted">This node has no inputs or parameters: nothing to differentiate by.</p> : null}
      <div className="bps-analysis-grid">
        {r?.inputs.map((inp) => (
          <div key={inp.port} className="bps-analysis-card" data-testid={`jacobian-input-${inp.port}`}>
            <MatrixView m={inp.jacobian} label={`∂${out}/∂${nodeSymbols(graph, inp.sourceId).out.text} (port ${inp.port}, from ${nodeSymbols(graph, inp.sourceId).name})`} testId={`jacobian-matrix-${inp.port}`} />
            <VectorView values={inp.upstream} label={`${gradText(out)}[${r.sample}] (upstream)`} testId={`jacobian-upstream-${inp.port}`} />
            <VectorView values={inp.product} label="upstream · J" testId={`jacobian-product-${inp.port}`} />
            <VectorView values={inp.edgeGrad} label={`gradient on edge ${inp.edgeId}`} testId={`jacobian-edge-${inp.port}`} />
            <div data-testid={`jacobian-diff-${inp.port}`} data-value={inp.maxDiff} className={inp.maxDiff <= CHECK_TOLERANCE ? 'bps-ok' : 'bps-bad'}>
              max |upstream·J − edge gradient| = <span title={String(inp.maxDiff)}>{formatNumber(inp.maxDiff, 3)}</span> {inp.maxDiff <= CHECK_TOLERANCE ? '✓' : '✗'}
            </div>
          </div>
        ))}
        {r?.params.map((p) => (
          <div key={p.name} className="bps-analysis-card">
            <MatrixView m={p.jacobian} label={`∂${out}/∂${me.params[p.name]?.text ?? p.name}`} testId={`jacobian-param-${p.name}`} />
          </div>
        ))}
      </div>
    </section>
  );
}
