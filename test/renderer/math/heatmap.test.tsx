// The heatmap must map sign to hue and magnitude to depth, and keep each exact number reachable.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { divergingColor, Heatmap } from '../../../renderer/math/Heatmap.tsx';

/** [testid, title, background] of every cell in rendered HTML. */
function cells(html: string): { id: string; title: string; background: string }[] {
  return [...html.matchAll(/<div data-testid="(heatmap-cell-\d+-\d+)" title="([^"]*)"[^>]*style="[^"]*background:([^;"]+)/g)]
    .map((m) => ({ id: m[1]!, title: m[2]!, background: m[3]!.trim() }));
}

describe('Heatmap', () => {
  const data = [0.5, -0.5, 0, 0.123456789, NaN, -0.25];
  const html = renderToString(<Heatmap rows={2} cols={3} data={data} label="dL/dW" rowLabels={['o0', 'o1']} colLabels={['i0', 'i1', 'i2']} />);
  const byId = new Map(cells(html).map((c) => [c.id, c]));

  it('renders one addressable cell per entry, row-major', () => {
    expect(byId.size).toBe(6);
    expect(byId.get('heatmap-cell-1-0')!.title).toBe('o1, i0: 0.123456789');
    expect(html).toContain('dL/dW');
  });

  it('puts the full-precision number in each tooltip', () => {
    expect(byId.get('heatmap-cell-0-0')!.title).toBe('o0, i0: 0.5');
    expect(byId.get('heatmap-cell-1-1')!.title).toBe('o1, i1: NaN');
  });

  it('is symmetric around zero: equal magnitudes get equally deep, opposite hues', () => {
    const pos = byId.get('heatmap-cell-0-0')!.background, neg = byId.get('heatmap-cell-0-1')!.background, zero = byId.get('heatmap-cell-0-2')!.background;
    expect(new Set([pos, neg, zero]).size).toBe(3);
    const rgb = (s: string): number[] => s.match(/\d+/g)!.map(Number);
    const [pr, , pb] = rgb(pos) as [number, number, number], [nr, , nb] = rgb(neg) as [number, number, number];
    expect(pr).toBeGreaterThan(pb); // red for positive
    expect(nb).toBeGreaterThan(nr); // blue for negative
    expect(zero).toBe(divergingColor(0, 1));
    // The largest |v| (0.5) saturates; half of it is halfway.
    expect(divergingColor(-0.25, 0.5)).not.toBe(neg);
    expect(byId.get('heatmap-cell-1-2')!.background).toBe(divergingColor(-0.25, 0.5));
  });

  it('marks a NaN cell with its own colour instead of dropping it', () => {
    expect(byId.get('heatmap-cell-1-1')!.background).toBe(divergingColor(NaN, 1));
    expect(divergingColor(NaN, 1)).not.toBe(divergingColor(0, 1));
  });

  it('stays neutral when every value is zero', () => {
    expect(divergingColor(0, 0)).toBe(divergingColor(0, 1));
  });
});
