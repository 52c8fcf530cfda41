// The Step panel's LaTeX export (issue 11.7): this step's equation or all of them as a .tex file, the
// same TeX the panel renders, through the file layer (a download in the browser, the save dialog in
// the desktop app), as File → Export → Equations (LaTeX) does for all of them.
import { useServices } from '../../services.tsx';

export function StepExport(props: { index: number; hidden: boolean }) {
  const { files } = useServices();
  const { index, hidden } = props;
  return (
    <>
      <button type="button" className="step-panel__export" aria-label="Export this step as LaTeX" disabled={hidden}
        title={hidden ? 'Answer the step first: its equation holds the answer' : 'Save this step\'s equation as a .tex file'}
        onClick={() => void files.exportDocument('latex', { step: index })}>.tex</button>
      <button type="button" className="step-panel__export" aria-label="Export all equations as LaTeX"
        title="Save every step's equation as a .tex file" onClick={() => void files.exportDocument('latex')}>All .tex</button>
    </>
  );
}
