// h0 = x: emits its value tensor [batch, size]; dL/dx is what flows back into it.
import { dataModule } from './data-common.ts';

export const inputModule = dataModule('input', 'Input', 'h_0 = x');
