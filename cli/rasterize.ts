// SVG → PNG in Node for `export --to png`: resvg (@resvg/resvg-js, a prebuilt native binary from npm),
// at the size the SVG states (drawFigure has applied the scale). The figure's text needs a font:
// the ones the figure names (DejaVu Sans and Sans Mono, Debian's fonts-dejavu-core) are passed to
// resvg by path where they are installed, with the system's fonts as the fallback.
import { existsSync } from 'node:fs';
import { CliError } from './io.ts';

/** Where the fonts the figure names are found (Debian/Ubuntu, Fedora, Arch, macOS Homebrew). */
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/opt/homebrew/share/fonts', '/usr/local/share/fonts'];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'];

export function figureFontFiles(): string[] {
  return FONT_DIRS.flatMap((dir) => FONT_FILES.map((f) => `${dir}/${f}`)).filter((p) => existsSync(p));
}

type ResvgModule = typeof import('@resvg/resvg-js');

async function loadResvg(): Promise<ResvgModule> {
  try {
    return await import('@resvg/resvg-js');
  } catch (e) {
    throw new CliError(`--to png needs the @resvg/resvg-js package (npm install @resvg/resvg-js): ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The PNG of `svg`; `warn` hears when none of the figure's fonts is installed (system fonts are used). */
export async function rasterizeSvg(svg: string, warn: (message: string) => void): Promise<Uint8Array> {
  const { Resvg } = await loadResvg();
  const fontFiles = figureFontFiles();
  if (fontFiles.length === 0) warn('DejaVu fonts not found (Debian: apt-get install fonts-dejavu-core): the PNG uses the system\'s fonts');
  const png = new Resvg(svg, { font: { loadSystemFonts: true, fontFiles, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
