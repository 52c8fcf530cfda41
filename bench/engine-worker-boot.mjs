// Worker entry: Node 20 cannot pass `--import tsx` to a worker, so the TS loader is registered here.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
