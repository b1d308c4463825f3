// One plain-text table of all rows, columns aligned.
// A row: { section, measure, size, median, floor?, ratio?, unit, budget, met (true|false|null), note? }

function figure(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '-';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = Number.isInteger(value) && unit !== 'ms' ? String(value) : value.toFixed(digits);
  return unit ? `${text} ${unit}` : text;
}

export function formatTable(rows) {
  const header = ['section', 'measure', 'folder size', 'median', 'floor median', 'ratio', 'budget', 'met'];
  const lines = rows.map((row) => [
    row.section,
    row.measure,
    row.size ?? '-',
    figure(row.median, row.unit),
    row.floor === undefined ? '-' : figure(row.floor, row.unit),
    row.ratio === undefined ? '-' : `${row.ratio.toFixed(2)}x`,
    row.budget || '-',
    row.met === true ? 'met' : row.met === false ? 'MISSED' : '-',
  ]);
  const numeric = new Set([3, 4, 5]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const render = (cells) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const notes = rows.filter((row) => row.note).map((row) => `  * ${row.section} / ${row.measure}${row.size && row.size !== '-' ? ` (${row.size})` : ''}: ${row.note}`);
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
