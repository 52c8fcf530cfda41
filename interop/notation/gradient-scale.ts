// Edge colour and width from a gradient's L2 norm, on a log10 scale from 1e-6 (vanishing) to 1e3
// (exploding). Every colour keeps ≥ 3:1 contrast on white and on near-black, so the same scale
// works in the light and the dark theme.
//
// A norm of exactly 0 is NOT flagged as vanishing: in this engine an exact zero means no gradient
// reaches the edge at all (the edge has no path to a loss, the graph has no loss yet, or a ReLU is
// off for every sample). That is a structural fact, not a numerical problem, and flagging it would
// put warnings on every side branch of a graph being built. Such edges get a neutral grey and the
// thinnest stroke. Any positive norm below 1e-6 is flagged 'vanishing'; above 1e3, or NaN/∞, 'exploding'.

export type GradientFlag = 'vanishing' | 'exploding' | null;
export interface GradientStyle { stroke: string; strokeWidth: number; flag: GradientFlag }

export const VANISHING_BELOW = 1e-6;
export const EXPLODING_ABOVE = 1e3;
export const ZERO_GRADIENT_STROKE = '#6b7280';
const MIN_WIDTH = 1.5;
const MAX_WIDTH = 6;
const ZERO_WIDTH = 1;

/** Colour anchors at log10(norm). */
const ANCHORS: readonly { log: number; rgb: readonly [number, number, number] }[] = [
  { log: -6, rgb: [0x8b, 0x5c, 0xf6] }, // violet
  { log: -4, rgb: [0x3b, 0x82, 0xf6] }, // blue
  { log: -2, rgb: [0x0d, 0x94, 0x88] }, // teal
  { log: 0, rgb: [0x16, 0xa3, 0x4a] }, // green
  { log: 2, rgb: [0xd9, 0x77, 0x06] }, // amber
  { log: 3, rgb: [0xdc, 0x26, 0x26] }, // red
];
const LOG_MIN = ANCHORS[0]!.log;
const LOG_MAX = ANCHORS[ANCHORS.length - 1]!.log;

const hex = (rgb: readonly number[]): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function colourAt(log: number): string {
  const l = Math.min(Math.max(log, LOG_MIN), LOG_MAX);
  for (let i = 1; i < ANCHORS.length; i++) {
    const a = ANCHORS[i - 1]!, b = ANCHORS[i]!;
    if (l <= b.log) {
      const t = (l - a.log) / (b.log - a.log);
      return hex(a.rgb.map((c, k) => c + (b.rgb[k]! - c) * t));
    }
  }
  return hex(ANCHORS[ANCHORS.length - 1]!.rgb);
}

export function gradientStyle(norm: number): GradientStyle {
  if (Number.isNaN(norm) || norm === Infinity) return { stroke: colourAt(LOG_MAX), strokeWidth: MAX_WIDTH, flag: 'exploding' };
  const n = Math.abs(norm);
  if (n === 0) return { stroke: ZERO_GRADIENT_STROKE, strokeWidth: ZERO_WIDTH, flag: null };
  const log = Math.log10(n);
  const t = Math.min(Math.max((log - LOG_MIN) / (LOG_MAX - LOG_MIN), 0), 1);
  return {
    stroke: colourAt(log),
    strokeWidth: Math.round((MIN_WIDTH + t * (MAX_WIDTH - MIN_WIDTH)) * 100) / 100,
    flag: n < VANISHING_BELOW ? 'vanishing' : n > EXPLODING_ABOVE ? 'exploding' : null,
  };
}

/** For a legend: the zero entry first, then one swatch per colour anchor. */
export const LEGEND_STOPS: { label: string; norm: number; stroke: string }[] = [
  { label: '0 (no path to a loss)', norm: 0, stroke: ZERO_GRADIENT_STROKE },
  ...ANCHORS.map((a) => ({
    label: (a.log === 0 ? '1' : `1e${a.log < 0 ? '-' : '+'}${Math.abs(a.log)}`)
      + (a.log === LOG_MIN ? ' (vanishing below)' : a.log === LOG_MAX ? ' (exploding above)' : ''),
    norm: 10 ** a.log,
    stroke: hex(a.rgb),
  })),
];
