// The module palette: grouped by family, filterable. Drag an item onto the canvas, or double-click /
// press Enter to add it at the centre of the view.
import { useReactFlow } from '@xyflow/react';
import { useState, type DragEvent } from 'react';
import { modules, type ModuleKind } from '../../engine/index.ts';
import { addNodeAtFreeSpot, PALETTE_MIME } from '../canvas/GraphCanvas.tsx';
import { paletteGroups } from './palette-groups.ts';

export function Palette() {
  const [filter, setFilter] = useState('');
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = (kind: ModuleKind): void => {
    const r = document.getElementById('bps-canvas')?.getBoundingClientRect();
    const p = r ? screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    addNodeAtFreeSpot(kind, { x: p.x - 75, y: p.y - 40 });
  };
  const onDragStart = (e: DragEvent, kind: ModuleKind): void => {
    e.dataTransfer.setData(PALETTE_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="bps-palette" aria-label="Module palette">
      <input className="bps-filter" type="search" placeholder="Filter modules…" aria-label="Filter modules" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {paletteGroups(filter).map((g) => (
        <section key={g.family} className="bps-palette-group">
          <h3>{g.title}</h3>
          {g.kinds.map((k) => (
            <div
              key={k}
              className={`bps-palette-item family-${g.family}`}
              data-testid={`palette-${k}`}
              role="button"
              tabIndex={0}
              draggable
              title={`${modules[k].label}: drag onto the canvas, or double-click / Enter to add`}
              onDragStart={(e) => onDragStart(e, k)}
              onDoubleClick={() => addAtCentre(k)}
              onKeyDown={(e) => { if (e.key === 'Enter') addAtCentre(k); }}
            >
              {modules[k].label}
            </div>
          ))}
        </section>
      ))}
    </aside>
  );
}
