// A node's gradient-check result on the canvas: green when its analytic gradients match the numerical
// ones, red when not. Shown only while the document is the graph that was checked.
import { formatNumber } from '../math/format.ts';
import { useDocument } from '../store/document-store.ts';
import { useAnalysis } from './analysis-store.ts';

export function GradcheckBadge({ nodeId }: { nodeId: string }) {
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
