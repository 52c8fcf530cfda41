// Types only: what the renderer may import from app/ (`import type`). Nothing here runs.
import type { BackpropApi } from './preload.ts';

export type { BackpropApi };
export type { MenuCommand, OpenReply, RecentFile, SaveReply, Theme } from '../common/ipc-contract.ts';

/** The preload exposes the API as window.backprop; absent in browser mode. */
export interface DesktopGlobal {
  readonly backprop?: BackpropApi;
}
