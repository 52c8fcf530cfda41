// What an empty canvas says (issue 10.16): how to start, with the two ways in.
import { START_EXAMPLE } from '../examples.ts';
import { useServices } from '../services.tsx';

export function EmptyHint() {
  const { files } = useServices();
  return (
    <div className="bps-empty-hint" data-testid="empty-hint">
      <p><strong>An empty canvas.</strong> Drag a module from the palette on the left onto it (or focus one and press Enter), then wire an output to an input.</p>
      <p>Or start from a worked example: <button type="button" onClick={() => void files.openExampleDocument(START_EXAMPLE)}>Open the lecture example</button> or pick one from <em>Examples</em> in the toolbar.</p>
    </div>
  );
}
