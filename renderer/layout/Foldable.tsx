// A side panel that folds to a narrow strip (palette, inspector), its state kept in layout-store.ts.
import type { ReactNode } from 'react';

interface FoldableProps {
  side: 'left' | 'right';
  /** What the panel is called ("module palette"), for the buttons' names. */
  name: string;
  folded: boolean;
  onFoldedChange(folded: boolean): void;
  children: ReactNode;
}

export function Foldable({ side, name, folded, onFoldedChange, children }: FoldableProps) {
  const towardsEdge = side === 'left' ? '«' : '»';
  const awayFromEdge = side === 'left' ? '»' : '«';
  if (folded) {
    return (
      <div className={`bps-fold-strip ${side}`} data-testid={`folded-${side}`}>
        <button type="button" aria-label={`Show ${name}`} title={`Show the ${name}`} onClick={() => onFoldedChange(false)}>{awayFromEdge}</button>
        <span className="bps-fold-name" aria-hidden="true">{name}</span>
      </div>
    );
  }
  return (
    <div className={`bps-foldable ${side}`}>
      {children}
      <button type="button" className="bps-fold-button" aria-label={`Hide ${name}`} title={`Hide the ${name}`} onClick={() => onFoldedChange(true)}>{towardsEdge}</button>
    </div>
  );
}
