import { z } from 'zod';
import { parseConfig, positiveInt } from './common.ts';
import type { ModuleDef } from './types.ts';

export const dataConfig = z.object({ size: positiveInt.default(1) }).loose();
export type DataConfig = { size: number };

/** input and target share their behaviour: emit the node's value tensor [batch, size]. */
export function dataModule(kind: 'input' | 'target', label: string, formula: string): ModuleDef<DataConfig> {
  return {
    kind, label, formula, family: 'data', inputs: [], isLoss: false,
    parseConfig: (raw) => parseConfig(dataConfig, raw),
    configSchema: dataConfig,
    paramShapes: () => ({}),
    valueFeatures: (c) => c.size,
    // The engine takes a data node's shape from its value; this is only the shape of a missing value.
    inferShape: (c) => ({ shape: [1, c.size] }),
    describe: (c) => `${c.size}`,
    forward(f) {
      f.out.data.set(f.value!.data);
    },
    vjp() {},
    jacobian() {
      throw new Error(`${kind} has no inputs or parameters to differentiate by`);
    },
    jvp(f, t) {
      t.out.data.set(t.value!.data);
    },
    vjpTangent() {},
  };
}
