/**
 * Label sizing for the flow diagram without a DOM: an estimate good enough to size boxes
 * before layout (CJK characters are about one em wide, Latin ones a little over half).
 */

export const FONT_SIZE = 13;
export const LINE_HEIGHT = 16;

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The estimated width of `text` in pixels at the diagram's font size. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? FONT_SIZE : FONT_SIZE * 0.62;
  return Math.ceil(width);
}

/** Cuts `text` to fit `max` pixels, ending in an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (textWidth(text) <= max) return text;
  let cut = '';
  for (const char of text) {
    if (textWidth(`${cut}${char}…`) > max) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/** Words (Latin runs), single wide characters and spaces: the places a line may break. */
const PIECES = new RegExp(`${WIDE.source}|\\s+|[^\\s${WIDE.source.slice(1, -1)}]+`, 'g');

/**
 * Breaks `text` into at most `maxLines` lines of at most `max` pixels, at spaces or between
 * wide characters (a word too long for a line is cut); the last line ends in an ellipsis
 * when text remains.
 */
export function wrapText(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const pieces = text.trim().match(PIECES) ?? [];
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index]!;
    if (textWidth(line + piece) <= max) {
      line += piece;
      continue;
    }
    if (/^\s+$/.test(piece)) continue;
    if (lines.length === maxLines - 1) {
      lines.push(truncate(`${line}${pieces.slice(index).join('')}`, max));
      return lines;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = textWidth(piece) <= max ? piece : truncate(piece, max);
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.slice(0, maxLines);
}
