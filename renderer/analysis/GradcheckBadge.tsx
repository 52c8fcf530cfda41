// A node's badges from the math panels, mounted inside every node: its gradient-check result (green
// when its analytic gradients match the numerical ones, red when not, shown only while the document is
// the graph that was checked), and a red mark where a training run's first NaN or ∞ appeared (shown
// until the next run starts).
import { formatNumber } from '../math/format.ts';
import { useDocument } from '../store/document-store.ts';
import { useTraining } from '../training/training-store.ts';
import { useAnalysis } from './analysis-store.ts';

function NonFiniteBadge({ nodeId }: { nodeId: string }) {
  const failure = useTraining((s) => (s.status === 'failed' && s.error?.nodeId === nodeId ? s.progress?.failure ?? null : null));
  const message = useTraining((s) => (s.status === 'failed' && s.error?.nodeId === nodeId ? s.error.message : null));
  if (message === null) return null;
  return (
    <div className="bps-nonfinite-badge" role="note" data-testid={`nonfinite-badge-${nodeId}`} data-phase={failure?.phase ?? ''} title={message}>
      ✗ NaN/∞ first appeared here
    </div>
  );
}

export function GradcheckBadge({ nodeId }: { nodeId: string }) {
  return (<><GradcheckResult nodeId={nodeId} /><NonFiniteBadge nodeId={nodeId} /></>);
}

function GradcheckResult({ nodeId }: { nodeId: string }) {
  const entry = useAnalysis((s) => s.gradcheck.report?.nodes.find((n) => n.nodeId === nodeId));
  const checked = useAnalysis((s) => s.gradcheck.graph);
  const current = useDocument((s) => s.graph === checked);
  if (!entry || !current) return null;
  return (
    <div className={`bps-gradcheck-badge ${entry.passed ? 'pass' : 'fail'}`} data-testid={`gradcheck-badge-${nodeId}`}
      data-passed={entry.passed} data-value={entry.maxRelError} title={`gradient check: max relative error ${entry.maxRelError} (worst: ${entry.worst})`}>
      {entry.passed ? '✓' : '✗'} grad {formatNumber(entry.maxRelError, 2)}
    </div>
  );
}
