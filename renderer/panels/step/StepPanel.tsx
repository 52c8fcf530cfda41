// Step-through of one forward/backward run: the current step's equation with its numbers, and
// controls to walk the timeline (buttons, scrubber, ←/→, and Play at about one step per second).
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Step } from '../../math/step-timeline.ts';
import './step-panel.css';

export const PLAY_INTERVAL_MS = 1000;
/** Play's speeds: seconds per step (issue 10.15). */
export const PLAY_SPEEDS = [{ label: '0.5 s', ms: 500 }, { label: '1 s', ms: PLAY_INTERVAL_MS }, { label: '2 s', ms: 2000 }, { label: '4 s', ms: 4000 }] as const;

/** An index into n steps: rounded and clamped to 0…n−1 (0 when there are none). */
export function clampStep(i: number, n: number): number {
  if (n === 0 || Number.isNaN(i)) return 0;
  return Math.min(Math.max(Math.round(i), 0), n - 1);
}

/** The index ←/→ (one step) and Home/End (first, last) lead to, or null for other keys and for moves past either end. */
export function indexAfterKey(key: string, index: number, n: number): number | null {
  if (n === 0) return null;
  const target = key === 'ArrowRight' ? index + 1 : key === 'ArrowLeft' ? index - 1 : key === 'Home' ? 0 : key === 'End' ? n - 1 : null;
  if (target === null) return null;
  const j = clampStep(target, n);
  return j === index ? null : j;
}

/**
 * The lines of a step's TeX, each rendered on its own in text style so KaTeX may break it after
 * an = or an operator: a long equation wraps inside the panel instead of running off its edge.
 */
export function equationLines(tex: string): string[] {
  const m = /^\\begin\{gathered\}([\s\S]*)\\end\{gathered\}$/.exec(tex);
  return m ? m[1]!.split(' \\\\[4pt] ') : [tex];
}

/**
 * Keys typed into a form field belong to that field, not to the timeline; so do arrows on a focused
 * canvas node or edge, which React Flow uses to move the selection.
 */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement || target.closest('.react-flow__node, .react-flow__edge') !== null;
}

/** TeX rendered as the Step panel shows it: one KaTeX block per line (also the exercise's question). */
export function stepHtml(tex: string): string {
  return equationLines(tex)
    .map((line) => `<div class="step-panel__line">${katex.renderToString(`\\displaystyle ${line}`, { throwOnError: false, output: 'html', displayMode: false })}</div>`)
    .join('');
}

export interface StepPanelProps {
  steps: Step[];
  index: number;
  onIndexChange: (i: number) => void;
  onExit?: () => void;
  /** The furthest step that may be reached (exercise mode: the first open question); default the last. */
  limit?: number;
  /** Exercise mode: the step's number is asked, so its equation waits until it is answered or revealed. */
  hideEquation?: boolean;
  /** Controls in the header (Exercise mode, LaTeX export). */
  tools?: ReactNode;
  /** Shown under the title (the exercise's question and score). */
  children?: ReactNode;
}

export function StepPanel(props: StepPanelProps) {
  const { steps, onIndexChange, onExit, hideEquation = false, tools, children } = props;
  const n = steps.length;
  const index = clampStep(props.index, n);
  const step = steps[index];
  const last = Math.min(n - 1, props.limit ?? n - 1);
  const atEnd = index >= last;
  /** Held at an open question, short of the last step: Play has nowhere to go. */
  const held = last < n - 1 && index >= last;
  const [playing, setPlaying] = useState(false);
  const [interval, setIntervalMs] = useState<number>(PLAY_INTERVAL_MS);
  const isPlaying = playing && !atEnd;

  const go = (i: number): void => {
    const j = Math.min(clampStep(i, n), Math.max(last, 0));
    if (n > 0 && j !== index) onIndexChange(j);
  };

  useEffect(() => {
    if (!playing) return;
    if (atEnd) { setPlaying(false); return; }
    const t = setTimeout(() => onIndexChange(clampStep(index + 1, n)), interval);
    return () => clearTimeout(t);
  }, [playing, atEnd, index, n, onIndexChange, interval]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      if (e.key === 'Escape' && onExit) { e.preventDefault(); onExit(); return; }
      const k = indexAfterKey(e.key, index, n);
      const j = k === null ? null : Math.min(k, Math.max(last, 0));
      if (j === null || j === index) return;
      e.preventDefault();
      onIndexChange(j);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, n, last, onIndexChange, onExit]);

  const tex = step?.tex ?? '';
  const html = useMemo(() => stepHtml(tex), [tex]);

  const togglePlay = (): void => {
    if (isPlaying) { setPlaying(false); return; }
    if (atEnd) onIndexChange(0); // Play at the end starts over
    setPlaying(true);
  };

  return (
    <section className="step-panel" data-testid="step-panel" aria-label="Step-through">
      <header className="step-panel__header">
        <span className="step-panel__counter">Step {n === 0 ? 0 : index + 1} / {n}</span>
        {step && (
          <span className={`step-panel__phase step-panel__phase--${step.phase}`}>
            {step.phase === 'forward' ? 'Forward' : 'Backward'}
          </span>
        )}
        {tools ? <span className="step-panel__tools">{tools}</span> : null}
      </header>
      <h3 className="step-panel__title">{step ? step.title : 'Run the graph to step through forward and backward.'}</h3>
      {children}
      {hideEquation
        ? <div className="step-panel__equation step-panel__equation--hidden" data-testid="step-equation" data-hidden="true">The worked equation is shown once the step is answered.</div>
        : <div className="step-panel__equation" data-testid="step-equation" data-tex={tex} dangerouslySetInnerHTML={{ __html: step ? html : '' }} />}
      <div className="step-panel__controls" role="group" aria-label="Step controls">
        <button type="button" aria-label="Jump to start" title="Jump to start" disabled={n === 0 || index === 0} onClick={() => go(0)}>|◀</button>
        <button type="button" aria-label="Step back" title="Step back (←)" disabled={n === 0 || index === 0} onClick={() => go(index - 1)}>◀</button>
        <button type="button" aria-label={isPlaying ? 'Pause' : 'Play'} title={isPlaying ? 'Pause' : 'Play'} disabled={n < 2 || (held && !isPlaying)} onClick={togglePlay}>
          {isPlaying ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" aria-label="Step forward" title={held ? 'Answer this step first (or Show)' : 'Step forward (→)'} disabled={n === 0 || atEnd} onClick={() => go(index + 1)}>▶</button>
        <button type="button" aria-label="Jump to end" title={held ? 'Answer this step first (or Show)' : 'Jump to end'} disabled={n === 0 || atEnd} onClick={() => go(n - 1)}>▶|</button>
        <select className="step-panel__speed" aria-label="Play speed" title="Play speed: time per step" value={interval} onChange={(e) => setIntervalMs(Number(e.currentTarget.value))}>
          {PLAY_SPEEDS.map((sp) => <option key={sp.ms} value={sp.ms}>{sp.label} per step</option>)}
        </select>
        <input className="step-panel__scrubber" type="range" aria-label="Step" min={0} max={Math.max(n - 1, 0)} step={1} value={index}
          disabled={n === 0} onChange={(e) => go(Number(e.currentTarget.value))} />
      </div>
    </section>
  );
}
