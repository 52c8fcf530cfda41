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
import { ExerciseBox, ExerciseToggle, useExerciseStep } from './exercise/ExercisePanel.tsx';
import { reachableStep } from './exercise/step-gate.ts';
import type { Step } from './math/step-timeline.ts';
import { AnalysisDock } from './training/AnalysisDock.tsx';
import { useRun } from './store/run-store.ts';
import { useView } from './store/view-store.ts';
import { Foldable } from './layout/Foldable.tsx';
import { textScale, useLayout } from './layout/layout-store.ts';
import { leavePresenter, usePresenterKeys } from './layout/presenter.ts';
import { useShortcuts } from './useShortcuts.ts';

const exitStep = (): void => useView.getState().setStepMode(false);

function StepDock() {
  const on = useView((s) => s.stepMode);
  const index = useView((s) => s.stepIndex);
  const results = useRun((s) => s.results);
  const stale = useRun((s) => s.stale);
  if (!on) return null;
  if (!results || stale) return <div className="bps-step-dock muted">Step mode needs a valid, run graph.</div>;
  return <StepDockPanel steps={timelineFor(results)} index={index} />;
}

function StepDockPanel(props: { steps: Step[]; index: number }) {
  const { steps } = props;
  const index = Math.min(props.index, steps.length - 1);
  const exercise = useExerciseStep(steps, index);
  return (
    <div className="bps-step-dock">
      <StepPanel steps={steps} index={index} onIndexChange={(i) => useView.getState().setStepIndex(reachableStep(i))} onExit={exitStep}
        limit={exercise.limit} hideEquation={exercise.hideEquation} tools={<ExerciseToggle />}>
        <ExerciseBox steps={steps} index={index} />
      </StepPanel>
    </div>
  );
}

/** Presenter mode's one control: how to step and how to leave (Esc). */
function PresenterBar() {
  return (
    <div className="bps-presenter-bar" role="region" aria-label="Presenter mode">
      <span className="muted">PageDown / → next · PageUp / ← back · Esc leaves</span>
      <button type="button" onClick={leavePresenter}>Leave presenter mode</button>
    </div>
  );
}

export function App() {
  // Created once; started here and stopped on unmount (StrictMode's double mount starts them twice).
  const [services] = useState(createAppServices);
  useEffect(() => services.start(), [services]);
  useShortcuts();
  usePresenterKeys();
  const presenter = useLayout((s) => s.presenter);
  const theme = useView((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const { paletteFolded, inspectorFolded, setPaletteFolded, setInspectorFolded } = useLayout();
  const textSize = useLayout((s) => s.textSize);
  useEffect(() => { document.documentElement.style.setProperty('--bps-text-scale', String(textScale(textSize))); }, [textSize]);
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <div className={presenter ? 'bps-app presenter' : 'bps-app'} data-presenter={presenter}>
          {presenter ? <PresenterBar /> : null}
          <Toolbar />
          <div className="bps-main">
            <Foldable side="left" name="module palette" folded={paletteFolded} onFoldedChange={setPaletteFolded}><Palette /></Foldable>
            <div className="bps-center">
              <GraphCanvas />
              <StepDock />
              <AnalysisDock />
            </div>
            <CodePanel />
            <Foldable side="right" name="inspector" folded={inspectorFolded} onFoldedChange={setInspectorFolded}><Inspector /></Foldable>
          </div>
          <StatusBar />
          <FilesLayer />
        </div>
      </ReactFlowProvider>
    </ServicesProvider>
  );
}
