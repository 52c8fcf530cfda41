// The inspector's editor of a formula node: the expression (checked as it is typed, the error shown
// at its column with a caret under it), the input names (renaming keeps edges, dropping a name drops
// its edge: model/formula-edit.ts), and the partial derivatives the engine derived, in KaTeX.
import { useMemo, useState } from 'react';
import { compileFormula, FormulaError, nodeInputPorts, toTex, texName, type CompiledFormula, type GraphNode } from '../../../engine/index.ts';
import { editExpression, editInputs, parseNames, type FormulaEdit } from '../../model/formula-edit.ts';
import { useDocument } from '../../store/document-store.ts';
import { Formula } from '../Formula.tsx';

type Checked = { readonly formula: CompiledFormula } | { readonly message: string; readonly column: number };

function checkExpression(expression: string, inputs: readonly string[]): Checked {
  try {
    return { formula: compileFormula(expression, inputs) };
  } catch (e) {
    if (e instanceof FormulaError) return { message: e.message, column: e.column };
    throw e;
  }
}

export function FormulaEditor({ node }: { node: GraphNode }) {
  const commit = useDocument((s) => s.commit);
  const savedExpression = typeof node.config?.expression === 'string' ? node.config.expression : 'x';
  const inputs = nodeInputPorts(node);
  const savedInputs = inputs.join(', ');
  const [expression, setExpression] = useState(savedExpression);
  const [names, setNames] = useState(savedInputs);
  const [inputsError, setInputsError] = useState<string | null>(null);
  // An undo (or any outside change) shows the document's text again.
  const [seen, setSeen] = useState({ savedExpression, savedInputs });
  if (seen.savedExpression !== savedExpression || seen.savedInputs !== savedInputs) {
    setSeen({ savedExpression, savedInputs });
    setExpression(savedExpression);
    setNames(savedInputs);
    setInputsError(null);
  }
  const checked = useMemo(() => checkExpression(expression, inputs), [expression, inputs]);
  const shown = 'formula' in checked ? checked.formula : null;

  const apply = (edit: FormulaEdit): boolean => {
    if (!edit.ok) return false;
    commit('edit config', edit.graph);
    return true;
  };
  const commitExpression = (): void => {
    if (expression !== savedExpression && 'formula' in checked) apply(editExpression(useDocument.getState().graph, node.id, expression));
  };
  const commitInputs = (): void => {
    const next = parseNames(names);
    if (next.join(', ') === savedInputs) { setInputsError(null); return; }
    const edit = editInputs(useDocument.getState().graph, node.id, next);
    setInputsError(edit.ok ? null : edit.message);
    apply(edit);
  };

  return (
    <div className="bps-formula-editor" data-testid="formula-editor">
      <label className="field field-wide">
        <span>expression</span>
        <input
          type="text" spellCheck={false} autoComplete="off" value={expression} data-testid="formula-expression"
          aria-invalid={'message' in checked} aria-describedby={'message' in checked ? `formula-error-${node.id}` : undefined}
          onChange={(e) => setExpression(e.currentTarget.value)}
          onBlur={commitExpression}
          onKeyDown={(e) => { if (e.key === 'Enter') commitExpression(); if (e.key === 'Escape') setExpression(savedExpression); }}
        />
      </label>
      {'message' in checked ? (
        <div className="bps-formula-error" id={`formula-error-${node.id}`} role="alert" data-testid="formula-error" data-column={checked.column}>
          <pre aria-hidden="true" className="bps-formula-caret">{`${expression}\n${' '.repeat(Math.max(0, checked.column - 1))}^`}</pre>
          <span>{checked.message}</span>
        </div>
      ) : null}
      <label className="field field-wide">
        <span>inputs</span>
        <input
          type="text" spellCheck={false} autoComplete="off" value={names} data-testid="formula-inputs"
          aria-invalid={inputsError !== null} title="the input ports' names, separated by commas"
          onChange={(e) => setNames(e.currentTarget.value)}
          onBlur={commitInputs}
          onKeyDown={(e) => { if (e.key === 'Enter') commitInputs(); if (e.key === 'Escape') { setNames(savedInputs); setInputsError(null); } }}
        />
      </label>
      {inputsError ? <p className="bps-formula-error" role="alert" data-testid="formula-inputs-error">{inputsError}</p> : null}
      {shown ? (
        <div className="bps-formula-partials" data-testid="formula-partials">
          <div className="bps-formula-row"><Formula tex={`f = ${toTex(shown.tree)}`} /></div>
          {shown.inputs.map((name, i) => (
            <div key={name} className="bps-formula-row" data-testid={`formula-partial-${name}`} data-tex={toTex(shown.partials[i]!)}>
              <Formula tex={`\\frac{\\partial f}{\\partial ${texName(name)}} = ${toTex(shown.partials[i]!)}`} />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
