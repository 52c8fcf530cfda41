// Layout of the editor: toolbar, palette, canvas, code panel, inspector, step panel and status bar.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { GraphCanvas } from './canvas/GraphCanvas.tsx';
import { FilesLayer } from './files-ui/index.ts';
import { timelineFor } from './canvas/step-state.ts';
import { CodePanel } from './panels/code/CodePanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Palette } from './panels/Palette.tsx';
import { createAppServices, ServicesProvider } from './services.tsx';
import { StatusBar } from './panels/StatusBar.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { StepPanel } from './panels/step/StepPanel.tsx';
import { AnalysisDock } from './training/AnalysisDock.tsx';
import { useRun } from './store/run-store.ts';
import { useView } from './store/view-store.ts';
import { useShortcuts } from './useShortcuts.ts';

const exitStep = (): void => useView.getState().setStepMode(false);

function StepDock() {
  const on = useView((s) => s.stepMode);
  const index = useView((s) => s.stepIndex);
  const results = useRun((s) => s.results);
  const stale = useRun((s) => s.stale);
  if (!on) return null;
  if (!results || stale) return <div className="bps-step-dock muted">Step mode needs a valid, run graph.</div>;
  const steps = timelineFor(results);
  return (
    <div className="bps-step-dock">
      <StepPanel steps={steps} index={Math.min(index, steps.length - 1)} onIndexChange={(i) => useView.getState().setStepIndex(i)} onExit={exitStep} />
    </div>
  );
}

export function App() {
  // Created once; started here and stopped on unmount (StrictMode's double mount starts them twice).
  const [services] = useState(createAppServices);
  useEffect(() => services.start(), [services]);
  useShortcuts();
  const theme = useView((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <div className="bps-app">
          <Toolbar />
          <div className="bps-main">
            <Palette />
            <div className="bps-center">
              <GraphCanvas />
              <StepDock />
              <AnalysisDock />
            </div>
            <CodePanel />
            <Inspector />
          </div>
          <StatusBar />
          <FilesLayer />
        </div>
      </ReactFlowProvider>
    </ServicesProvider>
  );
}
