// What the training worker answers on its analysis port (comlink): the math panels' reports.
import { gradcheckSummary, hessianReport, jacobianReport } from '../analysis/compute.ts';
import type { AnalysisApi } from './protocol.ts';

export const analysisApi: AnalysisApi = {
  jacobian: jacobianReport,
  hessian: hessianReport,
  gradcheck: gradcheckSummary,
};
