// The Classes tab: a classifier's confusion matrix (rows: actual class, columns: predicted) and the
// samples it gets wrong, drawn as pictures when they are images (digits), as the training goes.
import { useEffect, useRef } from 'react';
import type { ClassesReport } from './classes.ts';
import { useTraining } from './training-store.ts';

const PIXEL = 5;

function MistakeImage({ pixels, rows, cols }: { pixels: number[]; rows: number; cols: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const ink = Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[r * cols + c]!))));
        ctx.fillStyle = `rgb(${ink},${ink},${ink})`;
        ctx.fillRect(c * PIXEL, r * PIXEL, PIXEL, PIXEL);
      }
    }
  }, [pixels, rows, cols]);
  return <canvas ref={ref} width={cols * PIXEL} height={rows * PIXEL} aria-hidden="true" />;
}

function Matrix({ report }: { report: ClassesReport }) {
  const max = Math.max(1, ...report.counts.flat());
  const total = report.counts.flat().reduce((a, b) => a + b, 0);
  const name = (i: number) => report.labelNames[i] ?? String(i);
  return (
    <table className="bps-confusion" data-testid="confusion-matrix" data-step={report.step} data-counts={JSON.stringify(report.counts)}>
      <caption>{`${report.split === 'test' ? 'Test' : 'Training'} set, ${total} samples: rows are the actual class, columns what the network predicted`}</caption>
      <thead>
        <tr><th scope="col">actual ↓ predicted →</th>{report.counts.map((_, j) => <th key={j} scope="col">{name(j)}</th>)}</tr>
      </thead>
      <tbody>
        {report.counts.map((row, i) => (
          <tr key={i}>
            <th scope="row">{name(i)}</th>
            {row.map((n, j) => (
              <td key={j} className={i === j ? 'hit' : n > 0 ? 'miss' : ''} style={{ ['--share' as string]: String(n / max) }}>{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ClassesPanel() {
  const report = useTraining((s) => s.classes);
  if (!report) {
    return <p className="bps-chart-placeholder" data-testid="classes-placeholder">Train a classifier with more than two classes (the digits or iris example) to see its confusion matrix here.</p>;
  }
  const name = (i: number) => report.labelNames[i] ?? String(i);
  return (
    <section className="bps-classes" aria-label="Classes">
      <Matrix report={report} />
      <div className="bps-mistakes" data-testid="mistakes" data-count={report.mistakes}>
        <h3>{report.mistakes === 0 ? 'No sample misclassified' : `${report.mistakes} misclassified${report.shown.length < report.mistakes ? `, the first ${report.shown.length}` : ''}`}</h3>
        <ul>
          {report.shown.map((m) => (
            <li key={m.sample} title={`${report.split} sample ${m.sample}: actually ${name(m.actual)}, predicted ${name(m.predicted)}`}>
              {m.pixels && report.image ? <MistakeImage pixels={m.pixels} rows={report.image.rows} cols={report.image.cols} /> : null}
              <span>{`${name(m.actual)} → ${name(m.predicted)}`}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
