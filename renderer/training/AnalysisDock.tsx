// The bottom dock with the issue-5 panels as tabs (the training worker belongs to the app's services).
import { useEffect, useState } from 'react';
import { GradcheckPanel } from '../analysis/GradcheckPanel.tsx';
import { HessianPanel } from '../analysis/HessianPanel.tsx';
import { JacobianPanel } from '../analysis/JacobianPanel.tsx';
import { isModuleKind, modules, type Graph } from '../../engine/index.ts';
import { useDocument } from '../store/document-store.ts';
import { useView } from '../store/view-store.ts';
import { ClassesPanel } from './ClassesPanel.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';
import './training.css';

const TABS = ['Training', 'Classes', 'Jacobian', 'Hessian', 'Gradient check'] as const;
type Tab = (typeof TABS)[number];

/** Something to train: a loss, and parameters for it to move. */
function trainable(graph: Graph): boolean {
  return graph.nodes.some((n) => isModuleKind(n.kind) && modules[n.kind].isLoss) && graph.nodes.some((n) => Object.keys(n.params ?? {}).length > 0);
}

export function AnalysisDock() {
  const [tab, setTab] = useState<Tab>('Training');
  const canTrain = useDocument((s) => trainable(s.graph));
  // Folded away while the graph has nothing to train (an empty canvas, a graph without a loss or
  // parameters) and open when it has; the user's own fold or unfold holds until that changes.
  const [collapsed, setCollapsed] = useState(!canTrain);
  const [seenTrainable, setSeenTrainable] = useState(canTrain);
  if (seenTrainable !== canTrain) {
    setSeenTrainable(canTrain);
    setCollapsed(!canTrain);
  }
  const stepping = useView((s) => s.stepMode);
  // The step panel needs the room under the canvas: fold the dock to its tabs when stepping starts.
  useEffect(() => { if (stepping) setCollapsed(true); }, [stepping]);
  return (
    <div className={`bps-analysis-dock${collapsed ? ' collapsed' : ''}`} data-testid="analysis-dock">
      <div role="tablist" aria-label="Training and analysis" className="bps-dock-tabs">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => { setTab(t); setCollapsed(false); }}>{t}</button>
        ))}
        <span className="bps-dock-spacer" />
        <button type="button" aria-label={collapsed ? 'Expand panel' : 'Collapse panel'} onClick={() => setCollapsed(!collapsed)}>{collapsed ? '▴' : '▾'}</button>
      </div>
      {/* Panels stay mounted when hidden so charts keep their history. */}
      <div role="tabpanel" aria-label={tab} className="bps-dock-body" hidden={collapsed}>
        <div hidden={tab !== 'Training'}><TrainingPanel /></div>
        {tab === 'Classes' ? <ClassesPanel /> : null}
        {tab === 'Jacobian' ? <JacobianPanel /> : null}
        {tab === 'Hessian' ? <HessianPanel /> : null}
        {tab === 'Gradient check' ? <GradcheckPanel /> : null}
      </div>
    </div>
  );
}
