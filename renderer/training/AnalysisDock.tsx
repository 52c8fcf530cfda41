// The bottom dock with the issue-5 panels as tabs (the training worker belongs to the app's services).
import { useEffect, useState } from 'react';
import { GradcheckPanel } from '../analysis/GradcheckPanel.tsx';
import { HessianPanel } from '../analysis/HessianPanel.tsx';
import { JacobianPanel } from '../analysis/JacobianPanel.tsx';
import { useView } from '../store/view-store.ts';
import { ClassesPanel } from './ClassesPanel.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';
import './training.css';

const TABS = ['Training', 'Classes', 'Jacobian', 'Hessian', 'Gradient check'] as const;
type Tab = (typeof TABS)[number];

export function AnalysisDock() {
  const [tab, setTab] = useState<Tab>('Training');
  const [collapsed, setCollapsed] = useState(false);
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
