/**
 * What a terminal adds to plain text: colour and the width to fit tables in. Piped output stays
 * plain, and `NO_COLOR` (https://no-color.org: set and not empty) turns colour off on a terminal.
 */

export interface Terminal {
  /** Characters per line. */
  columns: number;
  color: boolean;
}

/** The terminal behind a stream, or undefined when it is a pipe or a file. */
export function terminalOf(
  stream: { isTTY?: boolean; columns?: number },
  env: NodeJS.ProcessEnv,
): Terminal | undefined {
  if (!stream.isTTY) return undefined;
  return {
    columns: stream.columns && stream.columns > 0 ? stream.columns : 80,
    color: !env.NO_COLOR,
  };
}

const SGR = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;
export type Style = keyof typeof SGR;

/** `text` in `style` when the terminal shows colour; as is otherwise. */
export function paint(terminal: Terminal | undefined, style: Style, text: string): string {
  return terminal?.color && text ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
}

/**
 * Column widths that fit `columns`: each column as wide as its widest cell, then the `shrink`
 * column narrowed (to at least `min`) until the row fits, with `gap` characters between columns.
 */
export function fitWidths(
  rows: readonly string[][],
  columns: number,
  shrink: number,
  gap = 2,
  min = 12,
): number[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const total = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  if (total > columns) widths[shrink] = Math.max(min, widths[shrink] - (total - columns));
  return widths;
}

/** `text` cut to `width`, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
