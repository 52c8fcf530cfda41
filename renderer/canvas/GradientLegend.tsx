// The key to edge labels, colours and widths: what the two label lines mean, then the gradient norm
// on a log scale, with the flagged extremes. It wraps onto a second line on narrow canvases.
import { gradientStyle, LEGEND_STOPS } from '../../interop/notation/gradient-scale.ts';

export function GradientLegend() {
  return (
    <div className="bps-legend" data-testid="gradient-legend" aria-label="Edge label and gradient magnitude legend">
      <span className="legend-labels" title="Each edge label shows the forward value on top and, after ∂, dL/d(this input): the gradient of the loss with respect to that value. More than 2 entries: [shape] and L2 norm ‖·‖.">
        <span className="legend-box">value<br /><span className="legend-grad">∂ = dL/d(this input)</span></span>
      </span>
      <span className="legend-scale">
      <span className="muted" title="colour and width: L2 norm of the gradient on the edge">line = ‖∂L‖</span>
      {LEGEND_STOPS.map((s) => (
        <span key={s.label} className="legend-stop" title={s.label}>
          <svg width="22" height="10" aria-hidden="true"><line x1="0" y1="5" x2="22" y2="5" stroke={s.stroke} strokeWidth={gradientStyle(s.norm).strokeWidth} /></svg>
          {s.label.replace(/ \(.*\)$/, '')}
        </span>
      ))}
      <span className="legend-flag vanishing">&lt;1e-6 vanishing</span>
      <span className="legend-flag exploding">&gt;1e3 exploding</span>
      </span>
    </div>
  );
}
