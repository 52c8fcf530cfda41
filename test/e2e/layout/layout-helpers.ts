// Measuring what a person sees: text size on screen (CSS font size × the canvas zoom).
import type { Page } from '@playwright/test';

export async function canvasZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

/** Smallest on-screen font size of node titles and edge labels (px), or 0 when there are none. */
export async function nodeTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport');
    if (!vp) return 0;
    const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
    const sizes = [...document.querySelectorAll('.bps-node-title, .bps-edge-label')].map((el) => parseFloat(getComputedStyle(el).fontSize) * zoom);
    return sizes.length ? Math.min(...sizes) : 0;
  });
}
