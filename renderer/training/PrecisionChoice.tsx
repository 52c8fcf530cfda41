// "Precision: float64 (exact) | float32 (fast)", shown by the training panel only when a step is large
// enough for the float32 path to gain (step-size.ts). The choice is the view store's, not the document's.
import type { Precision } from '../../engine/index.ts';
import { useView } from '../store/view-store.ts';

const CHOICES: readonly { value: Precision; label: string; title: string }[] = [
  { value: 'float64', label: 'float64 (exact)', title: 'Every step in float64, bit-identical to the naive sums' },
  { value: 'float32', label: 'float32 (fast)', title: 'Steps in float32 (about 1e-4 relative); paused or stopped, every number shown is recomputed in float64' },
];

export function PrecisionChoice({ disabled }: { disabled: boolean }) {
  const chosen = useView((s) => s.trainPrecision);
  const choose = useView((s) => s.setTrainPrecision);
  return (
    <fieldset className="bps-train-precision" data-testid="training-precision" disabled={disabled}>
      <legend>Precision</legend>
      {CHOICES.map((c) => (
        <label key={c.value} title={c.title}>
          <input type="radio" name="bps-train-precision" value={c.value} checked={chosen === c.value} onChange={() => choose(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
