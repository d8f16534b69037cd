/** The library's exclusive job group: ingest, sync, remove and re-embedding jobs run one at a time. */
export const WRITER_GROUP = 'library';
