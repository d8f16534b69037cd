import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { IGNORED_FOLDER_NAMES, isHiddenName, kindOfPath } from '../ingest/sourceKinds';

export interface SourceWatcherOptions {
  /** Quiet time after the last change before re-indexing (editors save in bursts). */
  debounceMs?: number;
  /** Runs the re-index for the changed paths; returns false when it could not start (a job runs). */
  onChanges(paths: string[]): Promise<boolean>;
}

/**
 * Watches the library's sources while the app or `loci serve` runs and re-indexes what changed after a
 * short debounce. Only supported document kinds count; hidden files, `.git` and `node_modules` are
 * ignored as in the walk. If a job is already running, the changes wait for the next quiet moment.
 */
export class SourceWatcher {
  private watcher: FSWatcher | null = null;
  private roots = new Set<string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly debounceMs: number;

  constructor(private readonly options: SourceWatcherOptions) {
    this.debounceMs = options.debounceMs ?? 2000;
  }

  /**
   * Watches exactly these sources. Called after every write job, so it changes the running watcher in
   * place (adds new roots, unwatches removed ones) rather than restarting it: a restart would go deaf
   * while chokidar re-scans, and a file deleted in that window would never be noticed.
   */
  async watch(sources: readonly string[]): Promise<void> {
    const wanted = new Set(sources.map((s) => path.resolve(s)));
    if (wanted.size === 0) {
      await this.watcher?.close();
      this.watcher = null;
      this.roots = new Set();
      return;
    }
    if (this.watcher) {
      const added = [...wanted].filter((r) => !this.roots.has(r));
      const removed = [...this.roots].filter((r) => !wanted.has(r));
      this.roots = wanted;
      if (removed.length > 0) this.watcher.unwatch(removed);
      // chokidar emits 'ready' once per watcher, so there is nothing to await here; the job that
      // added these roots has just indexed what they hold.
      if (added.length > 0) this.watcher.add(added);
      return;
    }
    this.roots = wanted;
    this.watcher = watch([...wanted], {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: 500, pollInterval: 100 },
      ignored: (p: string) => {
        if (this.roots.has(p)) return false;
        const name = path.basename(p);
        return isHiddenName(name) || IGNORED_FOLDER_NAMES.has(name);
      },
    });
    const note = (p: string) => {
      if (!kindOfPath(p)) return;
      this.pending.add(path.resolve(p));
      this.schedule();
    };
    this.watcher.on('add', note).on('change', note).on('unlink', note);
    this.watcher.on('unlinkDir', (p: string) => {
      this.pending.add(path.resolve(p));
      this.schedule();
    });
    this.watcher.on('error', () => {
      // A folder that vanished or hit the OS watch limit: sync still catches its changes.
    });
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.pending.size === 0) return;
    const paths = [...this.pending];
    this.pending.clear();
    const started = await this.options.onChanges(paths).catch(() => false);
    if (!started) {
      for (const p of paths) this.pending.add(p);
      this.schedule();
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    this.watcher = null;
    this.roots = new Set();
  }
}
