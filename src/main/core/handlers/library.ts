import type { LibraryService } from '../library/libraryService';
import type { SimilarityService } from '../similarity/similarityService';
import { documentsOfTopic } from '../topics/topicModel';
import type { DomainHandlers } from './types';

/** `library.*`: sources, ingest and sync jobs, documents and status. */
export function libraryHandlers(
  library: LibraryService,
  similarity: SimilarityService,
): DomainHandlers<
  | 'library.status'
  | 'library.add'
  | 'library.sync'
  | 'library.ocrSkipped'
  | 'library.reembedText'
  | 'library.remove'
  | 'library.documents'
  | 'library.check'
  | 'library.repair'
> {
  return {
    'library.status': () => library.status(),
    'library.add': async ({ paths }) => ({ jobId: library.startAdd(paths).jobId }),
    'library.sync': async () => ({ jobId: library.startSync().jobId }),
    'library.ocrSkipped': async () => ({ jobId: (await library.startOcrSkipped()).jobId }),
    'library.reembedText': async () => ({ jobId: (await library.startReembedText()).jobId }),
    'library.check': ({ full }) => library.check(full),
    'library.repair': async () => ({ jobId: library.startRepair().jobId }),
    'library.remove': async ({ paths }) => ({ removed: await library.remove(paths) }),
    'library.documents': async ({ filter, offset, limit, sort }) =>
      library.documents(
        {
          ...(filter.status ? { statuses: filter.status } : {}),
          ...(filter.kinds ? { kinds: filter.kinds } : {}),
          ...(filter.sources ? { sources: filter.sources } : {}),
          ...(filter.pathPrefix ? { pathPrefix: filter.pathPrefix } : {}),
          ...(filter.text ? { text: filter.text } : {}),
          ...(filter.topic
            ? {
                ids: documentsOfTopic(
                  await similarity.topics(await similarity.resolveModel(filter.topic.model)),
                  filter.topic.topic,
                  filter.topic.subtopic,
                ),
              }
            : {}),
        },
        offset,
        limit,
        sort,
      ),
  };
}
