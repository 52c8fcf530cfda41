// y*: the value a loss compares its prediction with, [batch, size].
import { dataModule } from './data-common.ts';

export const targetModule = dataModule('target', 'Target', 'y^{*}');
