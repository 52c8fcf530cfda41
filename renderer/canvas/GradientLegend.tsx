// The key to edge colours and widths: gradient norm on a log scale, with the flagged extremes.
import { gradientStyle, LEGEND_STOPS } from '../math/gradient-scale.ts';

export function GradientLegend() {
  return (
    <div className="bps-legend" data-testid="gradient-legend" aria-label="Gradient magnitude legend">
      <span className="muted">‖∂L‖</span>
      {LEGEND_STOPS.map((s) => (
        <span key={s.label} className="legend-stop" title={s.label}>
          <svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke={s.stroke} strokeWidth={gradientStyle(s.norm).strokeWidth} /></svg>
          {s.label.replace(/ \(.*\)$/, '')}
        </span>
      ))}
      <span className="legend-flag vanishing">&lt;1e-6 vanishing</span>
      <span className="legend-flag exploding">&gt;1e3 exploding</span>
    </div>
  );
}
