// The app's services, created once by <App>, started and stopped with it, and handed to components
// through a context: the engine client (the one producer of run results), the training client, the
// file commands and the edge labels' preparer. Tests construct their own; nothing here is a module
// singleton, so StrictMode's second mount and every test start from fresh state.
import { createContext, useContext, type ReactNode } from 'react';
import { LabelPreparer } from './canvas/label-text.ts';
import { createEngineWorker, EngineClient, type EngineWorkerLike } from './engine-client/engine-client.ts';
import { appDocumentFiles } from './files-ui/app-files.ts';
import { FileController, type FilesFactory } from './files-ui/file-controller.ts';
import { pickModelFile } from './persistence/browser-adapters.ts';
import { svgToPng } from './files-ui/figure-png.ts';
import { DEFAULT_LINK_BASE, hasLinkDocument } from '../interop/index.ts';
import { embedMode } from './layout/embed.ts';
import { createTrainingWorker, TrainingClient, type TrainingWorkerLike } from './training/training-client.ts';

export interface AppServices {
  readonly labels: LabelPreparer;
  readonly engine: EngineClient;
  readonly training: TrainingClient;
  readonly files: FileController;
  /** Starts the workers and subscriptions; returns the stop. */
  start(): () => void;
}

export interface ServiceOptions {
  readonly engineWorker?: () => EngineWorkerLike;
  readonly trainingWorker?: () => TrainingWorkerLike;
  readonly files?: FilesFactory;
}

export function createAppServices(options: ServiceOptions = {}): AppServices {
  const labels = new LabelPreparer();
  const engine = new EngineClient({ createWorker: options.engineWorker ?? createEngineWorker, labels });
  const training = new TrainingClient({ createWorker: options.trainingWorker ?? createTrainingWorker, engine });
  const files = new FileController({
    files: options.files ?? appDocumentFiles, training, pickModel: pickModelFile, rasterize: svgToPng,
    linkBase, startupLink, onStartupLinkOpened: forgetStartupLink,
  });
  return {
    labels, engine, training, files,
    start() {
      const stops = [engine.start(), training.start(), openPastedLinks(files)];
      return () => { for (const stop of stops.reverse()) stop(); };
    },
  };
}

/** Links point at this page (the browser build); the desktop app's own address is not one to share. */
function linkBase(): string {
  return /^https?:$/.test(location.protocol) ? `${location.origin}${location.pathname}` : DEFAULT_LINK_BASE;
}

/** The document link the page was opened with, if any (nothing of it was sent: it is the fragment). */
function startupLink(): string | null {
  return typeof location !== 'undefined' && hasLinkDocument(location.hash) ? location.hash : null;
}

/** Once opened, the fragment leaves the address bar (a reload then restores edits as usual); an embed keeps it. */
function forgetStartupLink(): void {
  if (!embedMode) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** A link pasted into the address bar of an open tab changes only the fragment: open it too. */
function openPastedLinks(files: FileController): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onHash = (): void => {
    if (!hasLinkDocument(location.hash)) return;
    const link = location.hash;
    void files.openLink(link).then((r) => { if (r.status === 'opened') forgetStartupLink(); });
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices: render inside <ServicesProvider> (App creates it)');
  return services;
}
