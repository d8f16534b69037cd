/** One clickable segment of a path's breadcrumb trail. */
export interface Crumb {
  label: string;
  path: string;
}

/**
 * Splits an absolute path into breadcrumbs, each pointing at the folder it names. Handles POSIX
 * (`/home/ann`) and Windows (`C:\Users\ann`) paths, since the core may run on either.
 */
export function pathCrumbs(path: string): Crumb[] {
  const windows = /^[A-Za-z]:[\\/]/.test(path) || (path.includes('\\') && !path.includes('/'));
  const sep = windows ? '\\' : '/';
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const crumbs: Crumb[] = [];
  if (!windows) crumbs.push({ label: '/', path: '/' });
  let acc = '';
  parts.forEach((part, i) => {
    acc = windows ? (i === 0 ? `${part}${sep}` : `${acc.replace(/\\$/, '')}${sep}${part}`) : `${acc}/${part}`;
    crumbs.push({ label: part, path: acc });
  });
  return crumbs;
}
