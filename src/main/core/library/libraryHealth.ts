import type { LibraryCheckReport, LibraryRepairSummary } from '../../../shared/api/methods/library';
import type { EventBus } from '../eventBus';
import type { JobManager } from '../jobs/jobManager';
import { checkLibrary } from '../store/libraryDoctor';
import type { LibraryStore } from '../store/libraryStore';
import { repairLibrary, type RepairDeps } from './repairLibrary';
import { WRITER_GROUP } from './writerGroup';

export interface LibraryHealthDeps {
  libraryDir: string;
  jobs: JobManager;
  events: EventBus;
  /** The shared read-only store (its data version keys the quick check), or null before any write. */
  reader(): Promise<LibraryStore | null>;
  /** The library's own ingest (forced) and index upkeep, which the repair runs through. */
  ingest: RepairDeps['ingest'];
  updateIndexes: RepairDeps['updateIndexes'];
  /** Drops the shared reader and its open indexes, so the next read opens the repaired tables. */
  reopenReader(): Promise<void>;
}

/**
 * Whether the library is sound, and the job that makes it so: the doctor's check (library.check), the
 * quick check `library.status` reports from (cached: the app polls status), and the repair job
 * (library.repair, repairLibrary.ts) wired to the library's ingest and index upkeep.
 */
export class LibraryHealth {
  private lastQuickCheck: { key: string; at: number; report: LibraryCheckReport } | null = null;

  constructor(private readonly deps: LibraryHealthDeps) {}

  /** The doctor's examination (library.check): read-only, never throws on damage. */
  check(full: boolean): Promise<LibraryCheckReport> {
    return checkLibrary(this.deps.libraryDir, { full });
  }

  /** The quick check, at most once per data version and minute (status is polled by the app). */
  async quickCheck(): Promise<LibraryCheckReport> {
    const store = await this.deps.reader();
    const key = store ? await store.dataVersion() : '';
    const cached = this.lastQuickCheck;
    if (cached && cached.key === key && Date.now() - cached.at < 60_000) return cached.report;
    const report = await checkLibrary(this.deps.libraryDir, { full: false });
    this.lastQuickCheck = { key, at: Date.now(), report };
    return report;
  }

  /** Starts a repair job (library.repair): see repairLibrary.ts. Resolves with the job id at once. */
  startRepair(): { jobId: string; result: Promise<LibraryRepairSummary> } {
    const { libraryDir, ingest, updateIndexes } = this.deps;
    return this.deps.jobs.start(
      'repair',
      async (ctx) => {
        try {
          return await repairLibrary({ libraryDir, ingest, updateIndexes }, ctx);
        } finally {
          await this.deps.reopenReader();
          this.lastQuickCheck = null;
          this.deps.events.emit('library.changed', { reason: 'repaired' });
        }
      },
      { exclusive: WRITER_GROUP },
    );
  }
}
