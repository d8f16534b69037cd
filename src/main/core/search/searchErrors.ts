/** A query the user has to change (empty, only exclusions, parts cancelling out, wrong model). */
export class SearchQueryError extends Error {
  readonly code = 'INVALID_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}
