// The File menu's dialogs of issue 11: Export figure… (SVG or PNG, scale, background), Copy link
// (the link, its length, and the file instead when it is too long) and Open link… (paste a link: the
// desktop app's way to open one). Each is a small modal over the page; Esc or Cancel closes it.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FigureError, MAX_LINK_CHARS, type FigureBackground, type FigureFormat } from '../../interop/index.ts';
import { useServices } from '../services.tsx';
import { useDocument } from '../store/document-store.ts';
import { useRun } from '../store/run-store.ts';
import { useView } from '../store/view-store.ts';
import { openFileDialog, useFileState } from './file-state.ts';
import { figureOf } from './file-controller.ts';

const close = (): void => openFileDialog(null);

function Dialog({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const id = `bps-${testId}-title`;
  return (
    <div className="bps-file-backdrop">
      <div className="bps-file-dialog" role="dialog" aria-modal="true" aria-labelledby={id} data-testid={testId}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } }}>
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

const SCALES = [1, 2, 3, 4] as const;

function FigureDialog() {
  const { files } = useServices();
  const [format, setFormat] = useState<FigureFormat>('png');
  const [scale, setScale] = useState<number>(2);
  const [background, setBackground] = useState<FigureBackground>('white');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  // What the figure will show: the size, and whether there are numbers and a step in it.
  const graph = useDocument((s) => s.graph);
  const results = useRun((s) => (s.stale ? null : s.results));
  const step = useView((s) => (s.stepMode ? s.stepIndex : null));
  const labelMode = useView((s) => s.labelMode);
  const size = useMemo(() => {
    try {
      const f = figureOf({ graph, results, step, labelMode }, { scale, background });
      return { text: `${f.width} × ${f.height} px${results ? '' : ', without numbers (the graph does not run)'}${step !== null && results ? `, at step ${step + 1} of ${f.steps}` : ''}`, error: null };
    } catch (e) {
      if (e instanceof FigureError) return { text: '', error: e.message };
      throw e;
    }
  }, [scale, background, graph, results, step, labelMode]);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      if ((await files.exportFigure(format, { scale, background })).status !== 'error') close();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Export figure" testId="figure-dialog">
      <form className="bps-figure-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label>Format
          <select ref={first} aria-label="Figure format" value={format} onChange={(e) => setFormat(e.target.value as FigureFormat)}>
            <option value="png">PNG image</option>
            <option value="svg">SVG (vector, selectable text)</option>
          </select>
        </label>
        <label>Scale
          <select aria-label="Figure scale" value={scale} onChange={(e) => setScale(Number(e.target.value))}>
            {SCALES.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <label>Background
          <select aria-label="Figure background" value={background} onChange={(e) => setBackground(e.target.value as FigureBackground)}>
            <option value="white">White</option>
            <option value="transparent">Transparent</option>
          </select>
        </label>
        <p className="muted" data-testid="figure-size">{size.error ?? size.text}</p>
        <div className="bps-file-dialog-buttons">
          <button type="submit" disabled={busy || size.error !== null}>Export</button>
          <button type="button" onClick={close}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

function LinkDialog() {
  const { files } = useServices();
  const graph = useDocument((s) => s.graph);
  const made = useMemo(() => files.documentLink(graph), [files, graph]);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (made.tooLong) return;
    field.current?.select();
    // The clipboard may be refused (no permission, no secure context): the field is there to copy from.
    navigator.clipboard?.writeText(made.link).then(() => setCopied('yes'), () => setCopied('no'));
  }, [made]);
  if (made.tooLong) {
    return (
      <Dialog title="Link too long" testId="link-dialog">
        <p data-testid="link-too-long">This document&apos;s {made.tooLong.replace(/^the link/, 'link')}.</p>
        <div className="bps-file-dialog-buttons">
          <button type="button" onClick={() => { close(); void files.saveDocument(true); }}>Save the file…</button>
          <button type="button" onClick={close}>Cancel</button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Link to this document" testId="link-dialog">
      <p>The whole document is in the link (after the #), so nothing is uploaded; anyone who opens it gets this graph with its parameters and settings.</p>
      <input ref={field} className="bps-link-field" aria-label="Document link" readOnly value={made.link} onFocus={(e) => e.currentTarget.select()} />
      <p className="muted" data-testid="link-length">{made.link.length.toLocaleString('en-US')} characters (at most {MAX_LINK_CHARS.toLocaleString('en-US')}){copied === 'yes' ? ' · copied to the clipboard' : copied === 'no' ? ' · copy it from the field' : ''}. For a web page, add ?embed=1 before the # for the compact view.</p>
      <div className="bps-file-dialog-buttons">
        <button type="button" onClick={() => { field.current?.select(); navigator.clipboard?.writeText(made.link).then(() => setCopied('yes'), () => setCopied('no')); }}>Copy</button>
        <button type="button" onClick={close}>Close</button>
      </div>
    </Dialog>
  );
}

function OpenLinkDialog() {
  const { files } = useServices();
  const [text, setText] = useState('');
  const open = async (): Promise<void> => {
    const r = await files.openLink(text);
    if (r.status !== 'error') close();
  };
  return (
    <Dialog title="Open link" testId="open-link-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void open(); }}>
        <p>Paste a link made with File → Copy link (or <code>backprop-studio link FILE</code>).</p>
        <input className="bps-link-field" aria-label="Link to open" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="http://…#doc=1.…" />
        <div className="bps-file-dialog-buttons">
          <button type="submit" disabled={text.trim() === ''}>Open</button>
          <button type="button" onClick={close}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

export function FileDialogs() {
  const dialog = useFileState((s) => s.dialog);
  if (dialog === 'figure') return <FigureDialog />;
  if (dialog === 'link') return <LinkDialog />;
  if (dialog === 'open-link') return <OpenLinkDialog />;
  return null;
}
