import type { z } from 'zod';

/**
 * A contract entry: the input schema (validated at run time at every boundary) and the result type
 * (a compile-time phantom: results are produced by our own core, so they are typed, not re-validated).
 */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Never set; carries the result type. */
  readonly __output?: O;
}

/** `method<Result>()(inputSchema)`: the two-step form lets TypeScript infer the schema type. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}
