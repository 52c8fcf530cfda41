// Run status, loss, run time, the graph's problems and the legend of edge labels and line colours.
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { useReveal } from '../canvas/step-state.ts';
import { LegendButton } from '../layout/LegendButton.tsx';

export function StatusBar() {
  const status = useRun((s) => s.status);
  // In Step mode the total loss is shown once every forward step has been reached (issue 10.10).
  const hidden = useReveal()?.forwardDone === false;
  const loss = useRun((s) => (hidden ? undefined : s.results?.loss));
  const stale = useRun((s) => s.stale);
  const ms = useRun((s) => s.ms);
  const runs = useRun((s) => s.runs);
  const issues = useRun((s) => s.issues);
  const error = useRun((s) => s.error);
  const counts = useDocument((s) => `${s.graph.nodes.length} nodes, ${s.graph.edges.length} edges`);
  return (
    <footer className={`bps-status status-${status}`} data-testid="status-bar" data-status={status} data-runs={runs}>
      <span className="status-pill">{status}</span>
      <span data-testid="status-loss" className={stale ? 'stale' : ''}>loss {loss === undefined || loss === null ? '—' : formatNumber(loss, 6)}{stale ? ' (last valid)' : ''}</span>
      <span data-testid="status-time">{ms === null ? '' : `run ${ms.toFixed(ms < 10 ? 2 : 0)} ms`}</span>
      <span>{counts}</span>
      {issues.length > 0 ? (
        <span className="status-issues" data-testid="status-issues" title={issues.map((i) => i.message).join('\n')}>
          {issues.length} problem{issues.length === 1 ? '' : 's'}: {issues[0]!.message}
        </span>
      ) : null}
      {error ? <span className="status-issues">{error}</span> : null}
      <LegendButton />
    </footer>
  );
}
