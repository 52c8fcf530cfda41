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
import { StepExport } from './panels/step/StepExport.tsx';
import { ExerciseBox, ExerciseToggle, useExerciseStep } from './exercise/ExercisePanel.tsx';
import { reachableStep } from './exercise/step-gate.ts';
import type { Step } from './math/step-timeline.ts';
import { AnalysisDock } from './training/AnalysisDock.tsx';
import { useRun } from './store/run-store.ts';
import { useDocument } from './store/document-store.ts';
import { isInstance } from '../engine/index.ts';
import { useView } from './store/view-store.ts';
import { Foldable } from './layout/Foldable.tsx';
import { textScale, useLayout } from './layout/layout-store.ts';
import { leavePresenter, usePresenterKeys } from './layout/presenter.ts';
import { useShortcuts } from './useShortcuts.ts';
import { embedMode } from './layout/embed.ts';

const exitStep = (): void => useView.getState().setStepMode(false);
/** The embed view has no way back into Step mode, so its Exit starts the steps over. */
const restartSteps = (): void => useView.getState().setStepIndex(0);

function StepDock() {
  const on = useView((s) => s.stepMode);
  const index = useView((s) => s.stepIndex);
  const results = useRun((s) => s.results);
  const stale = useRun((s) => s.stale);
  const into = useView((s) => s.stepInto);
  const hasModules = useDocument((s) => s.graph.nodes.some(isInstance));
  if (!on) return null;
  if (!results || stale) return <div className="bps-step-dock muted">Step mode needs a valid, run graph.</div>;
  return <StepDockPanel steps={timelineFor(results, into)} index={index} into={hasModules ? into : null} />;
}

function StepDockPanel(props: { steps: Step[]; index: number; /** null: the graph has no composite modules */ into: boolean | null }) {
  const { steps } = props;
  const index = Math.min(props.index, steps.length - 1);
  const exercise = useExerciseStep(steps, index);
  return (
    <div className="bps-step-dock">
      {props.into !== null ? (
        <label className="bps-step-into" title="step through each node inside a composite module, or over each module as one step">
          <input type="checkbox" data-testid="step-into" checked={props.into} onChange={(e) => useView.getState().setStepInto(e.target.checked)} /> Step into modules
        </label>
      ) : null}
      <StepPanel steps={steps} index={index} onIndexChange={(i) => useView.getState().setStepIndex(reachableStep(i))} onExit={embedMode ? restartSteps : exitStep}
        limit={exercise.limit} hideEquation={exercise.hideEquation} tools={<><ExerciseToggle /><StepExport index={index} hidden={exercise.hideEquation} /></>}>
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

/** The embed view starts in Step mode once the linked document has run. */
function useEmbedStepMode(): void {
  useEffect(() => {
    if (!embedMode) return;
    const start = (): void => {
      const run = useRun.getState();
      if (run.results && !run.stale && !useView.getState().stepMode) useView.getState().setStepMode(true);
    };
    start();
    return useRun.subscribe(start);
  }, []);
}

export function App() {
  // Created once; started here and stopped on unmount (StrictMode's double mount starts them twice).
  const [services] = useState(createAppServices);
  useEffect(() => services.start(), [services]);
  useShortcuts();
  usePresenterKeys();
  useEmbedStepMode();
  const presenter = useLayout((s) => s.presenter);
  const theme = useView((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const { paletteFolded, inspectorFolded, setPaletteFolded, setInspectorFolded } = useLayout();
  const textSize = useLayout((s) => s.textSize);
  useEffect(() => { document.documentElement.style.setProperty('--bps-text-scale', String(textScale(textSize))); }, [textSize]);
  if (embedMode) {
    // ?embed=1 (issue 11.9): canvas and Step panel only, for an iframe; the document comes from the link.
    return (
      <ServicesProvider services={services}>
        <ReactFlowProvider>
          <div className="bps-app embed" data-embed="true">
            <div className="bps-main">
              <div className="bps-center">
                <GraphCanvas />
                <StepDock />
              </div>
            </div>
            <FilesLayer />
          </div>
        </ReactFlowProvider>
      </ServicesProvider>
    );
  }
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
