/** Plain-text tables and number formats for the bench output (and the README, which copies it). */

export const NOT_AVAILABLE = "n/a";

export function ms(value) {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function mb(kilobytes) {
  return Number.isFinite(kilobytes) ? `${Math.round(kilobytes / 1024)} MB` : NOT_AVAILABLE;
}

export function times(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : NOT_AVAILABLE;
}

/**
 * Renders rows as an aligned text table (first column left, the figures right-aligned) with a title line.
 * @param {string} title
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 */
export function renderTable(title, header, rows) {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ")
      .trimEnd();
  return [title, line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join(
    "\n",
  );
}
