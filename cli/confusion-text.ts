// A classifier's confusion matrix as text, and the misclassified samples of an image dataset (digits)
// drawn in shades, a few side by side, so a terminal shows what the network got wrong.
import { printable, type ConfusionMatrix, type DataSplit } from '../engine/index.ts';

const SHADES = ' .:-=+*#%@';
/** At most this many misclassified images are drawn. */
export const DRAWN_MISTAKES = 8;
/** Class names from a file are cut to this many characters in the matrix. */
const NAME_CHARS = 12;

export function confusionText(m: ConfusionMatrix, labelNames: readonly string[]): string {
  const names = m.counts.map((_, i) => printable(labelNames[i] ?? String(i), NAME_CHARS));
  const cell = Math.max(4, ...names.map((n) => n.length), ...m.counts.flat().map((c) => String(c).length)) + 1;
  const pad = (s: string) => s.padStart(cell);
  const total = m.counts.flat().reduce((a, b) => a + b, 0);
  const lines = [
    `confusion matrix (${m.split} set, ${total} samples; rows: actual, columns: predicted)`,
    `${''.padStart(cell)}${names.map(pad).join('')}`,
    ...m.counts.map((row, i) => `${pad(names[i]!)}${row.map((c) => pad(String(c))).join('')}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The first misclassified samples as shade pictures, captioned "3→8" (actual→predicted). */
export function mistakesText(m: ConfusionMatrix, split: DataSplit, image: { rows: number; cols: number }, labelNames: readonly string[]): string {
  if (m.misclassified.length === 0) return '';
  const shown = m.misclassified.slice(0, DRAWN_MISTAKES);
  const pixels = image.rows * image.cols;
  const rows: string[] = [];
  for (let r = 0; r < image.rows; r++) {
    rows.push(shown.map(({ sample }) => {
      let line = '';
      for (let c = 0; c < image.cols; c++) {
        const v = split.features[sample * pixels + r * image.cols + c]!;
        const ch = SHADES[Math.min(SHADES.length - 1, Math.max(0, Math.round(v * (SHADES.length - 1))))]!;
        line += ch + ch; // two characters per pixel: terminal cells are about twice as tall as wide
      }
      return line;
    }).join('  '));
  }
  const caption = (s: ConfusionMatrix['misclassified'][number]) => `${printable(labelNames[s.actual] ?? '', NAME_CHARS)}→${printable(labelNames[s.predicted] ?? '', NAME_CHARS)}`;
  const captions = shown.map((s) => caption(s).padEnd(image.cols * 2)).join('  ').trimEnd();
  return `${m.misclassified.length} misclassified in the ${m.split} set; the first ${shown.length} (actual→predicted):\n${rows.join('\n')}\n${captions}\n`;
}
