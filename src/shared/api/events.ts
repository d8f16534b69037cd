/** Events the core pushes to every listener (renderer via IPC or SSE, CLI progress). */

/** Progress of a long job (ingest, re-embed, projection). */
export interface JobProgress {
  jobId: string;
  kind: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  /** Units per second over the recent window. */
  rate: number;
  /** Seconds left at the current rate; null while unknown. */
  etaSeconds: number | null;
  /** What is being worked on now, e.g. a file name. */
  current?: string;
  /**
   * The stage of a multi-stage job, in words a person reads: for an ingest 'extracting and
   * embedding' (the files), then 'writing' (compacting the tables) and 'building the vector index'.
   * Once every file is done the job is still working: the phase says on what.
   */
  phase?: string;
  message?: string;
}

/** Something in the library changed (documents added, removed, re-indexed). */
export interface LibraryChanged {
  reason: string;
  /** LanceDB data version after the change, for cache keys. */
  version?: number;
}

/**
 * A vector index open in the core (the one searches use) finished catching up with the vectors
 * table, or failed to. It comes after `library.changed`: a job's end says the data changed, this
 * says the search index reflects it, so a status that read "rebuilding the search index" is stale.
 */
export interface IndexSynced {
  modelId: string;
  /** 'ready': the index now answers for the table's version it read; 'failed': see `problem`. */
  state: 'ready' | 'failed';
  /** Vectors in the index after the sync. */
  vectors: number;
  /** Why the sync failed (only when state is 'failed'). */
  problem?: string;
}

export interface EventPayloads {
  'job.progress': JobProgress;
  'library.changed': LibraryChanged;
  'index.synced': IndexSynced;
}
