import { describe, expect, it } from 'vitest';
import { MIN_TEXT_PX, readableViewport } from '../../../renderer/layout/readable-view.ts';

const lecture = { x: 0, y: 80, width: 1435, height: 260 };

describe('readableViewport', () => {
  it('fits a graph that stays readable, centred, at most 100 %', () => {
    const v = readableViewport(lecture, { width: 1300, height: 700 }, { textPx: 14, paddingPx: 16 });
    expect(v.fitsAll).toBe(true);
    expect(v.zoom).toBeCloseTo((1300 - 32) / 1435, 6);
    expect(v.zoom * 14).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    // centred: equal room left and right
    const left = lecture.x * v.zoom + v.x;
    const right = 1300 - (lecture.x + lecture.width) * v.zoom - v.x;
    expect(left).toBeCloseTo(right, 6);
  });

  it('zooms no further out than 11 px text and starts at the first nodes when the graph is too wide', () => {
    // The lecture example in a 1100×700 window's canvas (690 × 320): fitting all would be 6.5 px.
    const v = readableViewport(lecture, { width: 690, height: 320 }, { textPx: 14, paddingPx: 16 });
    expect(v.fitsAll).toBe(false);
    expect(v.zoom * 14).toBeGreaterThanOrEqual(11);
    expect(v.zoom * 14).toBeLessThan(11.02);
    expect(lecture.x * v.zoom + v.x).toBeCloseTo(16, 6); // left edge at the padding
    // the 260 px tall graph fits the height at this zoom: centred vertically
    const top = lecture.y * v.zoom + v.y;
    expect(top + lecture.height * v.zoom / 2).toBeCloseTo(160, 6);
  });

  it('keeps a lone node at 100 % and centres it', () => {
    const node = { x: 100, y: 100, width: 120, height: 70 };
    const v = readableViewport(node, { width: 900, height: 600 }, { textPx: 14 });
    expect(v.zoom).toBe(1);
    expect(node.x + v.x + node.width / 2).toBeCloseTo(450, 6);
    expect(node.y + v.y + node.height / 2).toBeCloseTo(300, 6);
  });

  it('larger text lowers the zoom a fit needs; presenter text raises it above 100 %', () => {
    const larger = readableViewport(lecture, { width: 690, height: 320 }, { textPx: 14 * 1.45 });
    expect(larger.zoom * 14 * 1.45).toBeGreaterThanOrEqual(11);
    expect(larger.zoom).toBeLessThan(11 / 14);
    const presenter = readableViewport(lecture, { width: 1280, height: 600 }, { textPx: 14, minPx: 18, maxZoom: 3 });
    expect(presenter.zoom * 14).toBeGreaterThanOrEqual(18);
  });
});
