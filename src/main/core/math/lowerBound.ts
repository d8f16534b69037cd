/**
 * The first position in `sorted` (ascending) whose value is not below `key`: where `key` would be
 * inserted to keep the order, `sorted.length` when every value is below it. Numbers or strings.
 */
export function lowerBound<T extends number | string>(sorted: ArrayLike<T>, key: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as T) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
