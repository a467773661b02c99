import Anser from "anser";
import { describe, expect, it } from "vitest";
import { parseAnsi } from "@/features/logs/utils/ansi";
import { AA_CONTRAST, contrast, LOG_BACKGROUND, logColor, type Rgb } from "@/features/logs/utils/palette";

function rgbOf(css: string): Rgb {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}

describe("log palette", () => {
  it("computes WCAG contrast (white on black is 21:1, xterm blue on the log is ~1.5:1)", () => {
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast([0, 0, 187], LOG_BACKGROUND)).toBeLessThan(2);
  });

  it("gives every basic, bright, 256-colour and sampled true colour AA contrast on the log background", () => {
    const codes = [
      ...Array.from({ length: 8 }, (_, i) => `\u001b[${String(30 + i)}mx`),
      ...Array.from({ length: 8 }, (_, i) => `\u001b[${String(90 + i)}mx`),
      ...Array.from({ length: 256 }, (_, i) => `\u001b[38;5;${String(i)}mx`),
      "\u001b[38;2;0;0;1mx",
      "\u001b[38;2;30;30;120mx",
    ];
    for (const code of codes) {
      const color = parseAnsi(code).segments.find((segment) => segment.text === "x")?.style?.color;
      expect(color, code).toBeDefined();
      expect(contrast(rgbOf(String(color)), LOG_BACKGROUND), code).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
  });

  it("maps blue to a readable blue, not a grey", () => {
    const blue = Anser.ansiToJson("\u001b[34mx", { json: true }).find((e) => e.content === "x")?.fg ?? "";
    expect(logColor(blue)).toBe("rgb(88, 166, 255)");
  });
});
