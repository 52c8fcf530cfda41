// Exercise mode's verdict on one typed answer against the engine's number (issue 11.1): correct within
// the tolerance, or how far off it is: the sign, a factor of the chain rule missing or extra, another
// number of the step given instead, or the relative error. Pure: the numbers come from the run results.
import { formatNumber } from '../math/format.ts';
import type { NamedNumber, Question } from '../math/step-answer.ts';

export type { NamedNumber, Question } from '../math/step-answer.ts';

export type Verdict =
  | { readonly kind: 'correct' }
  | { readonly kind: 'sign' }
  | { readonly kind: 'mixup'; readonly hint: string }
  | { readonly kind: 'factor'; readonly factor: NamedNumber; readonly missing: boolean; readonly signToo: boolean }
  | { readonly kind: 'off'; readonly relative: number; readonly signToo: boolean };

/** Below this an exact 0 (a ReLU gate) counts as 0: a typed 0 or 1e-15 is right. */
const ZERO = 1e-12;

/**
 * Whether `answer` agrees with `truth` to `digits` significant digits: within one unit of the last
 * of them (3 digits: 0.768 and 0.769 both match 0.76852; 0.77 does not).
 */
export function withinTolerance(answer: number, truth: number, digits: number): boolean {
  if (!Number.isFinite(answer) || !Number.isFinite(truth)) return answer === truth;
  if (Math.abs(truth) <= ZERO) return Math.abs(answer) <= ZERO;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(truth))) - digits + 1);
  // The relative slack absorbs the binary rounding of typed decimals (0.769 − 0.76852…).
  return Math.abs(answer - truth) <= unit * (1 + 1e-9);
}

/**
 * A typed number: "-0.5", "−0.5" (a minus sign), "1.2e-3", "0,25" (a decimal comma), "3/4", "½" not.
 * Null when it is not a number.
 */
export function parseAnswer(text: string): number | null {
  const s = text.trim().replace(/[\u2212\u2013]/g, '-').replace(/\s+/g, '').replace(/^\+/, '');
  if (s === '') return null;
  const num = /^-?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?$/i;
  const frac = /^(-?\d+(?:[.,]\d+)?)\/(\d+(?:[.,]\d+)?)$/.exec(s);
  if (frac) {
    const d = Number(frac[2]!.replace(',', '.'));
    return d === 0 ? null : Number(frac[1]!.replace(',', '.')) / d;
  }
  if (!num.test(s)) return null;
  const v = Number(s.replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/** The verdict on `answer`: the first of correct, sign, a mix-up, a factor, else how far off. */
export function checkAnswer(answer: number, q: Question, digits: number): Verdict {
  const t = q.value;
  const near = (v: number): boolean => withinTolerance(answer, v, digits);
  if (near(t)) return { kind: 'correct' };
  if (Math.abs(t) > ZERO && near(-t)) return { kind: 'sign' };
  for (const m of q.mixups) if (Number.isFinite(m.value) && Math.abs(m.value) > ZERO && near(m.value)) return { kind: 'mixup', hint: m.hint };
  for (const f of q.factors) {
    // A factor of ±1 is no hint; a zero factor cannot be divided out.
    if (!Number.isFinite(f.value) || Math.abs(f.value) <= ZERO || withinTolerance(Math.abs(f.value), 1, digits)) continue;
    for (const sign of [1, -1]) {
      if (near(sign * t / f.value)) return { kind: 'factor', factor: f, missing: true, signToo: sign < 0 };
      if (near(sign * t * f.value)) return { kind: 'factor', factor: f, missing: false, signToo: sign < 0 };
    }
  }
  const relative = Math.abs(t) > ZERO ? Math.abs(answer - t) / Math.abs(t) : Infinity;
  return { kind: 'off', relative, signToo: Math.abs(t) > ZERO && Math.abs(answer) > ZERO && Math.sign(answer) !== Math.sign(t) };
}

/** How far off in size: "12 % too large", or "about 3.2 times too small" beyond a factor of 2. */
function sizeOff(answer: number, truth: number, relative: number): string {
  const ratio = Math.abs(answer) / Math.abs(truth);
  if (ratio >= 2) return `about ${formatNumber(ratio, 2)} times too large`;
  if (ratio <= 0.5) return `about ${formatNumber(1 / ratio, 2)} times too small`;
  return `off by ${formatNumber(relative * 100, 2)} % (too ${ratio > 1 ? 'large' : 'small'})`;
}

/** What the Step panel says for a verdict (the answer as typed is the student's own). */
export function verdictMessage(v: Verdict, answer: number, truth: number): string {
  switch (v.kind) {
    case 'correct': return 'Correct';
    case 'sign': return 'The sign is wrong: the size is right.';
    case 'mixup': return `Not this one: ${v.hint}.`;
    case 'factor': {
      const f = `${v.factor.label} = ${formatNumber(v.factor.value)}`;
      const what = v.missing ? `a factor ${f} is missing` : `the factor ${f} does not belong here`;
      return `Off by a factor of ${formatNumber(Math.abs(v.factor.value))}: ${what}${v.signToo ? ', and the sign is wrong' : ''}.`;
    }
    case 'off': {
      if (!Number.isFinite(v.relative) || Math.abs(answer) <= ZERO) return 'Not quite.';
      return `Not quite: ${v.signToo ? 'the sign is wrong and the size is ' : ''}${sizeOff(answer, truth, v.relative)}.`;
    }
  }
}
