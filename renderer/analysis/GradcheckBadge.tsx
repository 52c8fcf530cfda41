// A node's badges from the math panels, mounted inside every node: its gradient-check result (green
// when its analytic gradients match the numerical ones, red when not, "kink" where the loss is not
// differentiable; shown only while the document is the graph that was checked), and a red mark where a training run's first NaN or ∞ appeared (shown
// until the next run starts).
import { useDocument } from '../store/document-store.ts';
import { useTraining } from '../training/training-store.ts';
import { useAnalysis } from './analysis-store.ts';
import { describeChecked, verdictTitle } from './GradcheckPanel.tsx';

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
  const shown = entry.tensors.find((t) => t.verdict === entry.verdict)!;
  const text = entry.verdict === 'ok' ? '✓ grad' : entry.verdict === 'failed' ? '✗ grad' : '∠ grad: kink';
  return (
    <div className={`bps-gradcheck-badge ${entry.verdict === 'failed' ? 'fail' : 'pass'}`} data-testid={`gradcheck-badge-${nodeId}`} data-verdict={entry.verdict}
      title={`gradient check, ${describeChecked(shown.name)} ${shown.worst.position}: analytic ${shown.worst.analytic}, numeric ${shown.worst.numeric}; ${verdictTitle(shown)}`}>
      {text}
    </div>
  );
}
