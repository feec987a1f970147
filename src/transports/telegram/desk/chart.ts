import { PNG } from "pngjs";

/** One bar of the chart: a label under it (digits, "." and "-") and its height. */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
}

/** 3×5 pixel glyphs for the characters the chart writes: digits, "." and "-". */
const GLYPHS: Record<string, readonly string[]> = {
  "0": ["111", "101", "101", "101", "111"],
  "1": ["010", "110", "010", "010", "111"],
  "2": ["111", "001", "111", "100", "111"],
  "3": ["111", "001", "111", "001", "111"],
  "4": ["101", "101", "111", "001", "001"],
  "5": ["111", "100", "111", "001", "111"],
  "6": ["111", "100", "111", "101", "111"],
  "7": ["111", "001", "010", "010", "010"],
  "8": ["111", "101", "111", "101", "111"],
  "9": ["111", "101", "111", "001", "111"],
  ".": ["000", "000", "000", "000", "010"],
  "-": ["000", "000", "111", "000", "000"],
};

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const BAR: Rgb = [59, 111, 182];
const INK: Rgb = [40, 40, 40];
const GRID: Rgb = [220, 220, 220];

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = 40;
const SCALE = 3;

function fill(png: PNG, x0: number, y0: number, width: number, height: number, colour: Rgb): void {
  for (let y = Math.max(0, y0); y < Math.min(png.height, y0 + height); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x0 + width); x += 1) {
      const at = (png.width * y + x) << 2;
      png.data[at] = colour[0];
      png.data[at + 1] = colour[1];
      png.data[at + 2] = colour[2];
      png.data[at + 3] = 255;
    }
  }
}

function textWidth(text: string): number {
  return text.length * 4 * SCALE - SCALE;
}

function write(png: PNG, text: string, x: number, y: number): void {
  [...text].forEach((char, index) => {
    const glyph = GLYPHS[char];
    if (!glyph) return;
    glyph.forEach((row, dy) => {
      [...row].forEach((bit, dx) => {
        if (bit === "1") fill(png, x + (index * 4 + dx) * SCALE, y + dy * SCALE, SCALE, SCALE, INK);
      });
    });
  });
}

/**
 * A bar chart as a PNG, drawn pixel by pixel (pngjs, no canvas or fonts needed): one bar per entry,
 * its value above it and its label (a date like 12.05) under it. Words belong in the caption.
 */
export function barChartPng(bars: readonly ChartBar[]): Buffer {
  const png = new PNG({ width: WIDTH, height: HEIGHT });
  fill(png, 0, 0, WIDTH, HEIGHT, WHITE);
  const top = MARGIN + 5 * SCALE + 8;
  const bottom = HEIGHT - MARGIN - 5 * SCALE - 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  for (let line = 0; line <= 4; line += 1) fill(png, MARGIN, bottom - Math.round(((bottom - top) * line) / 4), WIDTH - 2 * MARGIN, 1, GRID);
  const slot = (WIDTH - 2 * MARGIN) / Math.max(1, bars.length);
  const barWidth = Math.max(4, Math.floor(slot * 0.6));
  bars.forEach((bar, index) => {
    const centre = Math.round(MARGIN + slot * index + slot / 2);
    const height = Math.round(((bottom - top) * Math.max(0, bar.value)) / max);
    fill(png, centre - Math.floor(barWidth / 2), bottom - height, barWidth, height, BAR);
    const value = String(bar.value);
    write(png, value, centre - Math.floor(textWidth(value) / 2), bottom - height - 5 * SCALE - 6);
    write(png, bar.label, centre - Math.floor(textWidth(bar.label) / 2), bottom + 8);
  });
  fill(png, MARGIN, bottom, WIDTH - 2 * MARGIN, 2, INK);
  return PNG.sync.write(png);
}
