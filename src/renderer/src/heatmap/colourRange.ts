/**
 * The colour bar's [min, max] for a matrix of cosines: the user's bounds where set, else the data's,
 * always within [-1, 1] (a cosine takes no other value) and never empty. A one-value matrix (a single
 * cell, or all cells equal) would otherwise let Plotly pad the bar on its own, to 1.2 for a cell of 1.
 */
export function colourRange(
  data: readonly [number, number],
  user: { zmin: number | null; zmax: number | null },
): [number, number] {
  const clamp = (v: number) => Math.max(-1, Math.min(1, v));
  let min = clamp(user.zmin ?? data[0]);
  let max = clamp(user.zmax ?? data[1]);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [-1, 1];
  if (min > max) [min, max] = [max, min];
  if (max - min < 1e-6) {
    // Widen by 0.05 each way, shifted to stay inside [-1, 1].
    min = Math.max(-1, Math.min(min - 0.05, 0.9));
    max = Math.min(1, Math.max(max + 0.05, -0.9));
  }
  return [min, max];
}
