// The viewport that fits a graph without making its text unreadable: fit everything when that keeps
// node text at least `minPx` on screen; otherwise zoom so text is exactly `minPx` and show the graph
// from its first nodes (left, top), centred along any axis that still fits. Scrolling beats shrinking.

export interface Rect { x: number; y: number; width: number; height: number }
export interface Size { width: number; height: number }
export interface Viewport { x: number; y: number; zoom: number }

/** Node titles and edge labels are never drawn smaller than this on screen by a fit (issue 10.2). */
export const MIN_TEXT_PX = 11;
/** Presenter mode's floor: readable from the back of a lecture room (issue 10.3). */
export const PRESENTER_TEXT_PX = 18;
/** CSS font size of node titles and edge labels at text size "Normal" (styles.css: .bps-node, .bps-edge-label). */
export const NODE_TEXT_PX = 14;
/** A fit never magnifies past 100 %: a lone node stays its own size (issue 10.4). */
export const MAX_FIT_ZOOM = 1;

export interface ReadableOptions {
  /** CSS font size of node text at zoom 1 (NODE_TEXT_PX × the text-size setting). */
  textPx: number;
  minPx?: number;
  /** Screen pixels kept free around the graph. */
  paddingPx?: number;
  maxZoom?: number;
}

export interface ReadableView extends Viewport {
  /** Whether the whole graph is on screen; if not, the user pans to see the rest. */
  fitsAll: boolean;
}

export function readableViewport(bounds: Rect, view: Size, opts: ReadableOptions): ReadableView {
  const pad = opts.paddingPx ?? 16;
  const minPx = opts.minPx ?? MIN_TEXT_PX;
  const maxZoom = opts.maxZoom ?? MAX_FIT_ZOOM;
  const roomW = Math.max(1, view.width - 2 * pad);
  const roomH = Math.max(1, view.height - 2 * pad);
  const w = Math.max(1, bounds.width);
  const h = Math.max(1, bounds.height);
  const fitZoom = Math.min(roomW / w, roomH / h, maxZoom);
  // Rounded up to 1/1000 so the product with textPx is not a hair under minPx.
  const readable = Math.ceil((minPx / opts.textPx) * 1000) / 1000;
  const zoom = Math.max(fitZoom, readable);
  const place = (start: number, size: number, room: number, full: number): number =>
    size * zoom <= room ? (full - size * zoom) / 2 - start * zoom : pad - start * zoom;
  return {
    x: place(bounds.x, w, roomW, view.width),
    y: place(bounds.y, h, roomH, view.height),
    zoom,
    fitsAll: w * zoom <= roomW + 0.5 && h * zoom <= roomH + 0.5,
  };
}

/** Effective on-screen size of text of CSS size `cssPx` at `zoom`. */
export const screenPx = (cssPx: number, zoom: number): number => cssPx * zoom;
