/**
 * Errors the store raises on purpose. Each has a stable `code` so transports can map it to
 * `{code, message}` without parsing messages; messages say what the user can do.
 */

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export class LibraryNotFoundError extends StoreError {
  constructor(dir: string) {
    super(
      'LIBRARY_NOT_FOUND',
      `No library at ${dir}. Add documents to it first (e.g. \`loci add <folder>\`).`,
    );
  }
}

export class ReadonlyLibraryError extends StoreError {
  constructor(dir: string) {
    super('LIBRARY_READONLY', `Library ${dir} was opened read-only; writing needs the writer lock.`);
  }
}

export class NewerSchemaError extends StoreError {
  constructor(dir: string, found: number, supported: number) {
    super(
      'LIBRARY_TOO_NEW',
      `Library ${dir} has schema version ${found}, newer than this Loci understands (${supported}). Update Loci.`,
    );
  }
}

export class ModelMismatchError extends StoreError {
  constructor(modelId: string, stored: string, given: string) {
    super(
      'MODEL_MISMATCH',
      `Vectors for model "${modelId}" in this library were made by a different version of it ` +
        `(fingerprint ${stored.slice(0, 12)}, now ${given.slice(0, 12)}). Re-index the library for this model.`,
    );
  }
}

export class UnknownModelError extends StoreError {
  constructor(modelId: string) {
    super(
      'MODEL_NOT_INDEXED',
      `This library has no vectors for model "${modelId}". Index it with that model first.`,
    );
  }
}

/**
 * A table, manifest or data file of the library cannot be read (truncated, missing, overwritten). The
 * message never carries the raw storage error: the user can do one thing about it, run the doctor.
 */
export class LibraryDamagedError extends StoreError {
  constructor(readonly detail: string) {
    super('LIBRARY_DAMAGED', `The library is damaged (${detail}): run \`loci doctor --repair\`.`);
  }
}
