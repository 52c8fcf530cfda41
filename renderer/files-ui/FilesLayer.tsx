// Everything the files feature shows over the editor: the restore banner, file errors, the
// unsaved-changes dialog, a short status line and the drop overlay. Also installs the wiring.
import { FileDialogs } from './FileDialogs.tsx';
import { embedMode } from '../layout/embed.ts';
import { useEffect, useRef } from 'react';
import './files.css';
import { dismissError, showStatus, useFileState } from './file-state.ts';
import { useDocumentFiles } from './useDocumentFiles.ts';

const STATUS_MS = 4_000;

/** The crash copies of tabs that closed with unsaved work: restore one here, discard, or leave them for later. */
function RestoreBanner() {
  const restore = useFileState((s) => s.restore);
  if (!restore) return null;
  const { offers, answer } = restore;
  const tabs = offers.length === 1 ? 'a tab' : `${offers.length} tabs`;
  return (
    <div className="bps-file-banner bps-restore" role="region" aria-label="Restore unsaved work" data-testid="restore-banner">
      <div className="bps-restore-body">
        <span>Unsaved changes were kept from {tabs} that closed without saving:</span>
        <ul className="bps-restore-list">
          {offers.map((o) => (
            <li key={o.key} data-testid="restore-copy">
              <span id={`bps-copy-${o.key}`}>
                “{o.name}”{o.savedAt === null ? '' : ` from ${new Date(o.savedAt).toLocaleString()}`}
                {o.problem === null ? null : <span className="bps-restore-problem"> — cannot be restored: {o.problem}</span>}
              </span>
              {o.problem === null ? <button type="button" aria-describedby={`bps-copy-${o.key}`} onClick={() => answer({ action: 'restore', key: o.key })}>Restore</button> : null}
              <button type="button" aria-describedby={`bps-copy-${o.key}`} onClick={() => answer({ action: 'discard', key: o.key })}>Discard</button>
            </li>
          ))}
        </ul>
      </div>
      <button type="button" title="Keep the copies; the next tab you open offers them again" onClick={() => answer({ action: 'later' })}>Later</button>
    </div>
  );
}

function FileError() {
  const error = useFileState((s) => s.error);
  if (!error) return null;
  return (
    <div className="bps-file-banner bps-file-error" role="alert" data-testid="file-error">
      <span>{error}</span>
      <button type="button" aria-label="Dismiss file error" onClick={dismissError}>Dismiss</button>
    </div>
  );
}

function UnsavedDialog() {
  const unsaved = useFileState((s) => s.unsaved);
  const saveButton = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (unsaved) saveButton.current?.focus(); }, [unsaved]);
  if (!unsaved) return null;
  return (
    <div className="bps-file-backdrop">
      <div className="bps-file-dialog" role="alertdialog" aria-modal="true" aria-labelledby="bps-unsaved-title" aria-describedby="bps-unsaved-text" data-testid="unsaved-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') unsaved.answer('cancel'); }}>
        <h2 id="bps-unsaved-title">Unsaved changes</h2>
        <p id="bps-unsaved-text">Save the changes to “{unsaved.name}” first?</p>
        <div className="bps-file-dialog-buttons">
          <button type="button" ref={saveButton} onClick={() => unsaved.answer('save')}>Save</button>
          <button type="button" onClick={() => unsaved.answer('discard')}>Don't save</button>
          <button type="button" onClick={() => unsaved.answer('cancel')}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

function FileStatus() {
  const status = useFileState((s) => s.status);
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => { if (useFileState.getState().status === status) showStatus(null); }, STATUS_MS);
    return () => clearTimeout(t);
  }, [status]);
  const opening = useFileState((s) => s.opening);
  if (opening) return <div className="bps-file-status" role="status" data-testid="open-progress" aria-busy="true">Opening “{opening.name}”… {opening.percent} %</div>;
  return <div className="bps-file-status" role="status" data-testid="file-status">{status ?? ''}</div>;
}

function DropOverlay() {
  const active = useFileState((s) => s.dropActive);
  if (!active) return null;
  return <div className="bps-drop-overlay" data-testid="drop-overlay"><span>Drop a .bpgraph file to open it</span></div>;
}

/** Render once inside the ReactFlowProvider. */
export function FilesLayer() {
  useDocumentFiles();
  return (
    <>
      <div className="bps-file-banners">
        <RestoreBanner />
        <FileError />
      </div>
      {/* The embed view has no status bar: file news would cover its Step panel (errors still show). */}
      {embedMode ? null : <FileStatus />}
      <UnsavedDialog />
      <FileDialogs />
      <DropOverlay />
    </>
  );
}
