import type { NodeShape } from '@tessera/core';
import { LINE_HEIGHT, textWidth, truncate, wrapText } from './diagram-text.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** How a node of one shape is drawn: the figure's size and its label's lines. */
export interface NodeFigure {
  /** The drawn figure (circle, diamond or box), centred on the node's position. */
  readonly width: number;
  readonly height: number;
  /** The space the layout keeps free around the centre: the figure plus an outside label. */
  readonly boxWidth: number;
  readonly boxHeight: number;
  /** Inside a box; beside a circle or a diamond. */
  readonly lines: readonly string[];
  readonly labelOutside: boolean;
  /** A box's lines under its label, e.g. what a countersign needs ("至少 2 / 3 人同意"). */
  readonly noteLines: readonly string[];
}

const CIRCLE = 36;
const DIAMOND = 44;
const BOX = { min: 112, max: 168, padding: 14, line: 40 } as const;
const OUTSIDE = { gap: 8, max: 120 } as const;

/**
 * Round (start, end) and diamond (gateway) figures carry their label outside, to the right;
 * a box may carry a note under its label.
 */
export function figureOf(shape: NodeShape, text: string, note?: string): NodeFigure {
  if (shape === 'step') {
    const inner = BOX.max - 2 * BOX.padding;
    const lines = wrapText(text, inner, 2);
    const noteLines = note ? wrapText(note, inner, 2) : [];
    const widest = Math.max(0, ...[...lines, ...noteLines].map(textWidth));
    const width = Math.min(BOX.max, Math.max(BOX.min, widest + 2 * BOX.padding));
    const rows = lines.length + noteLines.length;
    const height = BOX.line + Math.max(0, rows - 1) * LINE_HEIGHT;
    return {
      width,
      height,
      boxWidth: width,
      boxHeight: height,
      lines,
      labelOutside: false,
      noteLines,
    };
  }
  const size = shape === 'start' || shape === 'end' ? CIRCLE : DIAMOND;
  const label = text ? truncate(text, OUTSIDE.max) : '';
  // kept on both sides so the figure stays at the centre of the space the layout gives it
  const side = label ? OUTSIDE.gap + textWidth(label) : 0;
  return {
    width: size,
    height: size,
    boxWidth: size + 2 * side,
    boxHeight: Math.max(size, LINE_HEIGHT),
    lines: label ? [label] : [],
    labelOutside: true,
    noteLines: [],
  };
}

/**
 * Where the segment from the centre of a figure towards `toward` leaves its outline, so
 * arrowheads touch circles and diamonds rather than their bounding boxes.
 */
export function clipToFigure(
  shape: NodeShape,
  centre: Point,
  figure: Pick<NodeFigure, 'width' | 'height'>,
  toward: Point,
): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const halfW = figure.width / 2;
  const halfH = figure.height / 2;
  let scale: number;
  if (shape === 'start' || shape === 'end') scale = halfW / Math.hypot(dx, dy);
  else if (shape === 'step') scale = Math.min(halfW / Math.abs(dx), halfH / Math.abs(dy));
  else scale = 1 / (Math.abs(dx) / halfW + Math.abs(dy) / halfH);
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}
