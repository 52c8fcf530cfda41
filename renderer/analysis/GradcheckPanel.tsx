// "Check gradients": central differences against the analytic gradient of every node, in the worker;
// each node on the canvas gets a green or red badge with its max relative error.
import { formatNumber } from '../math/format.ts';
import { useDocument } from '../store/document-store.ts';
import { analysis } from '../training/training-client.ts';
import { useAnalysis } from './analysis-store.ts';

export function GradcheckPanel() {
  const slot = useAnalysis((s) => s.gradcheck);
  const current = useDocument((s) => s.graph === slot.graph);
  const r = slot.report;
  return (
    <section className="bps-analysis" aria-label="Gradient check" data-testid="gradcheck-panel" data-pending={slot.pending}>
      <div className="bps-analysis-controls">
        <button type="button" disabled={slot.pending} onClick={() => analysis.gradcheck(useDocument.getState().graph)}>Check gradients</button>
        {r ? <span data-testid="gradcheck-summary" data-passed={r.passed} className={r.passed ? 'bps-ok' : 'bps-bad'}>
          {r.passed ? 'All gradients agree' : 'Some gradients disagree'}: max relative error <span title={String(r.maxRelError)}>{formatNumber(r.maxRelError, 3)}</span> (tolerance <span title={String(r.tolerance)}>{formatNumber(r.tolerance, 2)}</span>){current ? '' : ' — for an earlier version of the graph'}
        </span> : <span className="muted">Compares every analytic gradient with central finite differences.</span>}
      </div>
      {slot.error ? <p className="bps-train-error" role="alert">{slot.error}</p> : null}
      {r ? (
        <table className="tensor-table bps-gradcheck-table"><thead><tr><th>node</th><th>max rel. error</th><th>worst agreement</th><th /></tr></thead>
          <tbody>{r.nodes.map((n) => (
            <tr key={n.nodeId} data-testid={`gradcheck-row-${n.nodeId}`} data-value={n.maxRelError}>
              <td>{n.nodeId}</td><td title={String(n.maxRelError)}>{formatNumber(n.maxRelError, 3)}</td><td title={n.worst}>{describeChecked(n.worst)}</td><td className={n.passed ? 'bps-ok' : 'bps-bad'}>{n.passed ? '✓' : '✗'}</td>
            </tr>
          ))}</tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The checker's names for what it perturbed, in words: which gradient disagreed most. */
export function describeChecked(name: string): string {
  if (name === 'value') return 'dL/d(its data)';
  if (name === 'output') return 'dL/d(output), summed over consumers';
  if (name.startsWith('in:')) return `dL/d(input ${name.slice(3)}), from its own VJP`;
  return `dL/d${name}`;
}
