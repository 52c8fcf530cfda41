// KaTeX rendering of a module's one-line formula.
import katex from 'katex';
import { useMemo } from 'react';

export function Formula({ tex }: { tex: string }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, displayMode: false }), [tex]);
  return <span className="bps-formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
