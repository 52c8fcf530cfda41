// The Hessian of the loss for chosen parameters (exact, forward-over-reverse, in the worker), its
// symmetry and its extreme eigenvalues: negative ones mean a saddle, a large ratio an ill-conditioned valley.
import { useMemo, useState } from 'react';
import { isModuleKind, moduleOf, type Graph } from '../../engine/index.ts';
import { formatNumber } from '../../interop/notation/format.ts';
import { useDocument } from '../store/document-store.ts';
import { useServices } from '../services.tsx';
import { useAnalysis } from './analysis-store.ts';
import { HESSIAN_PANEL_LIMIT } from './compute.ts';
import { MatrixView } from './MatrixView.tsx';

interface ParamEntry { key: string; nodeId: string; name: string; count: number }

export function graphParams(graph: Graph): ParamEntry[] {
  return graph.nodes.flatMap((n) => {
    if (!isModuleKind(n.kind)) return [];
    const def = moduleOf(n.kind);
    try {
      const shapes = def.paramShapes(def.parseConfig(n.config ?? {}));
      return Object.entries(shapes).map(([name, shape]) => ({ key: `${n.id}.${name}`, nodeId: n.id, name, count: shape.reduce((a, b) => a * b, 1) }));
    } catch {
      return [];
    }
  });
}

function firstParams(params: readonly { key: string; count: number }[], budget: number): Set<string> {
  const keys = new Set<string>();
  let total = 0;
  for (const p of params) {
    if (total + p.count > budget) break;
    keys.add(p.key);
    total += p.count;
  }
  return keys;
}

export function HessianPanel() {
  const { training } = useServices();
  const graph = useDocument((s) => s.graph);
  const params = useMemo(() => graphParams(graph), [graph]);
  // Start with something to compute: the first parameters, up to a small matrix.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => firstParams(params, 64));
  const slot = useAnalysis((s) => s.hessian);
  const picked = params.filter((p) => chosen.has(p.key));
  const total = picked.reduce((a, p) => a + p.count, 0);
  const r = slot.report;
  const n = r?.matrix.rows ?? 0;
  const lmin = r?.eigenvalues[0], lmax = r?.eigenvalues[n - 1];
  return (
    <section className="bps-analysis bps-hessian" aria-label="Hessian" data-testid="hessian-panel" data-pending={slot.pending}>
      <div className="bps-hessian-side">
        <fieldset className="bps-hessian-params">
          <legend>Parameters (at most {HESSIAN_PANEL_LIMIT} entries)</legend>
          {params.length === 0 ? <span className="muted">No node has parameters.</span> : null}
          {params.map((p) => (
            <label key={p.key}>
              <input type="checkbox" checked={chosen.has(p.key)} aria-label={`${p.key} (${p.count})`}
                onChange={(e) => { const next = new Set(chosen); if (e.target.checked) next.add(p.key); else next.delete(p.key); setChosen(next); }} />
              {p.key} <span className="muted">({p.count})</span>
            </label>
          ))}
        </fieldset>
        <div className="bps-analysis-controls">
          <button type="button" disabled={total === 0 || total > HESSIAN_PANEL_LIMIT || slot.pending}
            onClick={() => void training.hessian(graph, picked.map((p) => ({ nodeId: p.nodeId, name: p.name })))}>Compute Hessian</button>
          <span className={total > HESSIAN_PANEL_LIMIT ? 'bps-bad' : 'muted'}>{total} entries → {total}×{total}</span>
        </div>
        {slot.error ? <p className="bps-train-error" role="alert">{slot.error}</p> : null}
        {r ? (
          <dl className="bps-train-metrics">
              <dt>symmetry max |H − Hᵀ|</dt><dd data-testid="hessian-asymmetry" data-value={r.asymmetry} title={String(r.asymmetry)}>{formatNumber(r.asymmetry, 3)}</dd>
              <dt>λ min</dt><dd data-testid="hessian-eig-min" data-value={lmin} title={lmin === undefined ? undefined : String(lmin)}>{lmin === undefined ? '—' : formatNumber(lmin, 6)}</dd>
              <dt>λ max</dt><dd data-testid="hessian-eig-max" data-value={lmax} title={lmax === undefined ? undefined : String(lmax)}>{lmax === undefined ? '—' : formatNumber(lmax, 6)}</dd>
              <dt>curvature</dt><dd>{lmin === undefined ? '—' : lmin < -1e-12 ? 'indefinite (saddle directions)' : lmin <= 1e-12 ? 'positive semi-definite (flat directions)' : <>positive definite, condition <span title={String(lmax! / lmin)}>{formatNumber(lmax! / lmin, 3)}</span></>}</dd>
              {n <= 24 ? <><dt>eigenvalues</dt><dd data-testid="hessian-eigenvalues" data-value={JSON.stringify(r.eigenvalues)} className="bps-vector-values">{r.eigenvalues.map((v, i) => <span key={i} title={String(v)}>{formatNumber(v, 4)}</span>)}</dd></> : null}
          </dl>
        ) : null}
      </div>
      {r ? <MatrixView m={r.matrix} label="H = ∂²L/∂θ²" testId="hessian-matrix" rowLabels={r.labels} colLabels={r.labels} /> : null}
    </section>
  );
}
