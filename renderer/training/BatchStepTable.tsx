// After "Step batch": which samples the mini-batch held and, per parameter, the value before, the
// change the optimiser made (−lr·∂L/∂θ for plain SGD) and the value after, as the lecture's update rule.
import { formatNumber } from '../../interop/notation/format.ts';
import { useTraining } from './training-store.ts';

/** Entries listed per parameter; a larger one shows its first entries and says how many it has. */
const SHOWN_ENTRIES = 6;

export function BatchStepTable({ plainSgd }: { plainSgd: boolean }) {
  const step = useTraining((s) => s.batch);
  if (!step) return null;
  const rows = step.params.flatMap((p) => {
    const n = Math.min(p.before.length, SHOWN_ENTRIES);
    return Array.from({ length: n }, (_, k) => ({ key: `${p.nodeId}.${p.name}[${k}]`, label: p.before.length === 1 ? `${p.nodeId}.${p.name}` : `${p.nodeId}.${p.name}[${k}]`, p, k }))
      .concat(p.before.length > n ? [{ key: `${p.nodeId}.${p.name}…`, label: `… ${p.before.length - n} more of ${p.nodeId}.${p.name}`, p, k: -1 }] : []);
  });
  return (
    <div className="bps-batch-step" data-testid="batch-step" data-step={step.record.step} data-rows={JSON.stringify(step.rows)}>
      <p className="muted">
        Step {step.record.step}: one mini-batch of {step.rows.length} training sample{step.rows.length === 1 ? '' : 's'} (rows {step.rows.slice(0, 8).join(', ')}{step.rows.length > 8 ? ', …' : ''}),
        batch loss {formatNumber(step.record.loss, 4)}. The canvas shows this batch with the parameters before the step.
      </p>
      <table className="bps-batch-table">
        <thead>
          <tr><th scope="col">parameter</th><th scope="col">before</th><th scope="col">∂L/∂θ</th><th scope="col">{plainSgd ? `−lr·∂L/∂θ (lr ${step.learningRate})` : 'change (optimiser)'}</th><th scope="col">after</th></tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, p, k }) => k < 0
            ? <tr key={key}><td colSpan={5} className="muted">{label}</td></tr>
            : (
              <tr key={key} data-param={`${p.nodeId}.${p.name}`} data-index={k}>
                <th scope="row">{label}</th>
                {/* Eight digits: a step of 1e-3 on a weight of 0.8 must be visible in before and after. */}
                <td>{formatNumber(p.before[k]!, 8)}</td>
                <td>{formatNumber(p.grad[k]!, 5)}</td>
                <td>{formatNumber(p.after[k]! - p.before[k]!, 5)}</td>
                <td>{formatNumber(p.after[k]!, 8)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
