// The key to edge labels and line colours, folded into a status-bar button (issue 10.5): it opens on a
// click (never on hover) in a popover above everything, and closes with Esc or a click outside.
import * as Popover from '@radix-ui/react-popover';
import { GradientLegend } from '../canvas/GradientLegend.tsx';
import { LEGEND_STOPS, gradientStyle } from '../../interop/notation/gradient-scale.ts';
import './layout.css';

export function LegendButton() {
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="bps-legend-button" aria-label="Legend: edge labels and line colours" title="What edge labels, line colours and widths mean">
          <svg width="34" height="10" aria-hidden="true">
            {LEGEND_STOPS.slice(1, 4).map((s, i) => <line key={s.label} x1={i * 12} y1="5" x2={i * 12 + 10} y2="5" stroke={s.stroke} strokeWidth={gradientStyle(s.norm).strokeWidth} />)}
          </svg>
          Legend
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="bps-legend-popover" side="top" align="end" sideOffset={6} collisionPadding={8}>
          <GradientLegend />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
