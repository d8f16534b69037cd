import { createRequire } from 'node:module';
import type usearchModule from 'usearch';

/**
 * USearch, loaded through its CommonJS build. The ESM build locates its native binary by walking up
 * from a file name it digs out of a stack trace (the `bindings` package); inside a worker started
 * through tsx that name is a URL and the walk never terminates, hanging the worker at import. The CJS
 * build uses __dirname and always works.
 */
export const usearch: typeof usearchModule = createRequire(import.meta.url)(
  'usearch',
) as typeof usearchModule;

export type UsearchIndex = InstanceType<typeof usearchModule.Index>;
