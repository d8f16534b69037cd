import { documentKeywordHits, keywordChunkHits, type DocumentKeywordHit } from './chunkQueries';
import { StemVocabularyCache } from './compoundStems';
import { stemsOfClauses, toDocumentTextQuery, toFullTextQuery, type KeywordQuery } from './keywordQuery';
import { docTextReady, fieldsReady, stemsReady, type LibraryTables } from './libraryTables';
import type { ChunkHit } from './storeTypes';

type Tables = Pick<LibraryTables, 'meta' | 'chunks'>;

/**
 * Whether a column a migration adds (fields, stems, docText) may be searched yet. Once true it stays
 * true; until then it is checked again whenever the chunks table changes: a writer in another process
 * may migrate the library while this reader stays open.
 */
class MigratedColumn {
  /** true once ready, else the chunks version last checked. */
  private checked: true | number | null = null;

  constructor(
    private readonly tables: Tables,
    private readonly test: (tables: Tables) => Promise<boolean>,
  ) {}

  async ready(): Promise<boolean> {
    if (this.checked === true) return true;
    const version = await this.tables.chunks.version();
    if (this.checked !== version) this.checked = (await this.test(this.tables)) ? true : version;
    return this.checked === true;
  }
}

/**
 * The library's BM25 searches over its chunks table: chunk text, weighed with the fields column
 * (chunkFields.ts) and matched in other languages through the stems column (chunkStems.ts) once a
 * writer has brought the library to them, and whole documents (documentText.ts).
 */
export class KeywordSearch {
  private readonly fields: MigratedColumn;
  private readonly stems: MigratedColumn;
  private readonly docText: MigratedColumn;
  /** The library's German, Dutch and Swedish stems, for compound matching (compoundStems.ts). */
  private readonly stemVocabulary: StemVocabularyCache;

  constructor(private readonly tables: Tables) {
    this.fields = new MigratedColumn(tables, fieldsReady);
    this.stems = new MigratedColumn(tables, stemsReady);
    this.docText = new MigratedColumn(tables, docTextReady);
    this.stemVocabulary = new StemVocabularyCache(() => tables.chunks);
  }

  /** BM25 hits on chunk text; `where` (filtersToSql) is applied before ranking. */
  async chunkHits(
    query: string | KeywordQuery,
    options: { where?: string | null; limit: number },
  ): Promise<ChunkHit[]> {
    const fts =
      typeof query === 'string'
        ? query
        : toFullTextQuery(query, {
            fieldsReady: await this.fields.ready(),
            ...((await this.stems.ready())
              ? { stems: await stemsOfClauses(query, await this.stemVocabulary.get()) }
              : {}),
          });
    return keywordChunkHits(this.tables.chunks, fts, options);
  }

  /**
   * Whole-document BM25 scores (documentText.ts) of the documents best matching a keyword query's
   * words, best first, at most `limit`; [] for a library not brought to schema version 5 yet (its
   * documents are scored by their chunks alone).
   */
  async documentHits(
    query: KeywordQuery,
    options: { where?: string | null; limit: number },
  ): Promise<DocumentKeywordHit[]> {
    const fts = toDocumentTextQuery(query);
    if (!fts || !(await this.docText.ready())) return [];
    return documentKeywordHits(this.tables.chunks, fts, options);
  }
}
