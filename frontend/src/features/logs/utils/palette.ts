/**
 * Colours for ANSI text on the log's background (dark in both themes). Anser's xterm colours are
 * unreadable there (blue rgb(0,0,187) on #0f141a is ~1.5:1); the 16 basic ones get a palette made for
 * a dark background, and any colour (256-colour, true colour) still under WCAG AA (4.5:1) is lifted
 * towards white until it passes.
 */
export type Rgb = readonly [number, number, number];

/** --log-bg in log-viewer.module.css. */
export const LOG_BACKGROUND: Rgb = [0x0f, 0x14, 0x1a];
export const AA_CONTRAST = 4.5;

/** Anser's basic and bright colours -> a dark-background palette (GitHub's dark theme's ANSI set). */
const BASIC: Record<string, Rgb> = {
  "0, 0, 0": [0x6e, 0x76, 0x81],
  "187, 0, 0": [0xff, 0x7b, 0x72],
  "0, 187, 0": [0x3f, 0xb9, 0x50],
  "187, 187, 0": [0xd2, 0x99, 0x22],
  "0, 0, 187": [0x58, 0xa6, 0xff],
  "187, 0, 187": [0xbc, 0x8c, 0xff],
  "0, 187, 187": [0x39, 0xc5, 0xcf],
  "255, 255, 255": [0xb1, 0xba, 0xc4],
  "85, 85, 85": [0x8b, 0x94, 0x9e],
  "255, 85, 85": [0xff, 0xa1, 0x98],
  "0, 255, 0": [0x56, 0xd3, 0x64],
  "85, 255, 85": [0x56, 0xd3, 0x64],
  "255, 255, 85": [0xe3, 0xb3, 0x41],
  "85, 85, 255": [0x79, 0xc0, 0xff],
  "255, 85, 255": [0xd2, 0xa8, 0xff],
  "85, 255, 255": [0x56, 0xd4, 0xdd],
};

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color` mixed towards white just enough to reach `min` contrast on `background`. */
export function readable(color: Rgb, background: Rgb = LOG_BACKGROUND, min = AA_CONTRAST): Rgb {
  let mixed = color;
  for (let step = 1; contrast(mixed, background) < min && step <= 20; step += 1) {
    const t = step / 20;
    mixed = color.map((c) => Math.round(c + (255 - c) * t)) as unknown as Rgb;
  }
  return mixed;
}

const cache = new Map<string, string>();

/** Anser's "r, g, b" foreground as a CSS colour readable on the log background. */
export function logColor(anserRgb: string): string {
  let css = cache.get(anserRgb);
  if (css === undefined) {
    const parsed = anserRgb.split(",").map((part) => Number(part.trim()));
    const base = BASIC[anserRgb] ?? ([parsed[0] ?? 0, parsed[1] ?? 0, parsed[2] ?? 0] as const);
    const [r, g, b] = readable(base);
    css = `rgb(${String(r)}, ${String(g)}, ${String(b)})`;
    cache.set(anserRgb, css);
  }
  return css;
}
