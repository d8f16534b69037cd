import type { MethodName, OutputOf, ParsedInputOf } from '../../../shared/api/contract';

/** A handler for every contract method: validated input in, typed result out. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
};

/** Each domain (`app`, `library`, `search`...) provides the handlers for its own methods. */
export type DomainHandlers<M extends MethodName> = Pick<Handlers, M>;
