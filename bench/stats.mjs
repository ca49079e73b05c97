// Small numeric and formatting helpers shared by the measurements.

/** The median of a list of numbers (NaN for an empty list). */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians of each numeric field over a list of records with the same fields. */
export function medianOf(records, fields) {
  return Object.fromEntries(fields.map((field) => [field, median(records.map((r) => r[field]))]));
}

/** Runs `measure(i)` `runs` times one after another and returns the results. */
export async function repeat(runs, measure) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure(i));
  return results;
}

/** `1234.5` → `"1,234.5"` with a fixed number of decimals; `–` for missing values. */
export function num(value, decimals = 0) {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Milliseconds with one decimal. */
export const ms = (value) => (Number.isFinite(value) ? `${num(value, 1)} ms` : '–');

/** Bytes as KB (1 KB = 1,024 bytes) with one decimal. */
export const kb = (bytes) => (Number.isFinite(bytes) ? `${num(bytes / 1024, 1)} KB` : '–');

/** The value that occurs most often (the first of equals). */
export function mostCommon(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
