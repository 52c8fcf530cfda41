// "Check gradients": central differences against the analytic gradient of every node, in the worker.
// One row per checked gradient: its entry closest to the limit (or furthest past it), analytic and
// numeric side by side, |a − n| against what is allowed (atol + rtol·|n| + the loss's rounding), and a
// verdict; at a kink (relu at 0) the loss is not differentiable, which is said instead of a failure.
import type { GradCheckTensor } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { useDocument } from '../store/document-store.ts';
import { useServices } from '../services.tsx';
import { useAnalysis } from './analysis-store.ts';

const Num = ({ x, digits = 8 }: { x: number; digits?: number }) => <span title={String(x)}>{formatNumber(x, digits)}</span>;

export function GradcheckPanel() {
  const { training } = useServices();
  const slot = useAnalysis((s) => s.gradcheck);
  const current = useDocument((s) => s.graph === slot.graph);
  const r = slot.report;
  return (
    <section className="bps-analysis" aria-label="Gradient check" data-testid="gradcheck-panel" data-pending={slot.pending}>
      <div className="bps-analysis-controls">
        <button type="button" disabled={slot.pending} onClick={() => void training.gradcheck(useDocument.getState().graph)}>Check gradients</button>
        {r ? <span data-testid="gradcheck-summary" data-passed={r.passed} className={r.passed ? 'bps-ok' : 'bps-bad'}>
          {r.passed ? `${r.kinks > 0 ? `${r.checked - r.kinks} of ${r.checked}` : `All ${r.checked}`} gradient entries agree` : 'Some gradients disagree'}: |a − n| ≤ <Num x={r.atol} digits={2} /> + <Num x={r.rtol} digits={2} />·|n| + rounding of L
          {r.kinks > 0 ? `; ${r.kinks} at a kink, not differentiable there` : ''}{current ? '' : ' — for an earlier version of the graph'}
        </span> : <span className="muted">Compares every analytic gradient with central finite differences.</span>}
      </div>
      {slot.error ? <p className="bps-train-error" role="alert">{slot.error}</p> : null}
      {r ? (
        <table className="tensor-table bps-gradcheck-table">
          <thead><tr><th>node</th><th>gradient</th><th>entry</th><th>analytic</th><th>numeric</th><th>|a − n|</th><th>allowed</th><th /></tr></thead>
          <tbody>{r.nodes.flatMap((n) => n.tensors.map((t) => (
            <tr key={`${n.nodeId} ${t.name}`} data-testid={`gradcheck-row-${n.nodeId}-${t.name}`} data-verdict={t.verdict}
              data-analytic={t.worst.analytic} data-numeric={t.worst.numeric}>
              <td>{n.nodeId}</td><td title={t.name}>{describeChecked(t.name)}</td><td>{t.worst.position}</td>
              <td><Num x={t.worst.analytic} /></td><td><Num x={t.worst.numeric} /></td>
              <td><Num x={t.worst.error} digits={2} /></td><td><Num x={t.worst.allowed} digits={2} /></td>
              <td className={t.verdict === 'failed' ? 'bps-bad' : 'bps-ok'} title={verdictTitle(t)}>{t.verdict === 'ok' ? '✓' : t.verdict === 'failed' ? '✗' : 'not differentiable here'}</td>
            </tr>
          )))}</tbody>
        </table>
      ) : null}
    </section>
  );
}

export function verdictTitle(t: GradCheckTensor): string {
  if (t.verdict === 'kink') return `the steps cross the kink of "${t.worst.kinkAt}", where the loss has no derivative; ${t.kinks} of ${t.checked} entries`;
  if (t.verdict === 'failed') return `|a − n| = ${t.worst.error} exceeds the ${t.worst.allowed} allowed`;
  return `all ${t.checked} entries within their limit`;
}

/** The checker's names for what it perturbed, in words. */
export function describeChecked(name: string): string {
  if (name === 'value') return 'dL/d(its data)';
  if (name === 'output') return 'dL/d(output), summed over consumers';
  if (name.startsWith('in:')) return `dL/d(input ${name.slice(3)}), from its own VJP`;
  return `dL/d${name}`;
}
