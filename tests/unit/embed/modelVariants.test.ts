/** Which variant of a model a library uses, and what a completed re-embed replaces (modelVariants.ts). */
import { describe, it, expect } from 'vitest';
import { chooseLibraryModel, siblingVariants } from '../../../src/main/core/embed/modelVariants';

const registered = [
  { id: 'use-lite', kind: 'use-lite' }, // folders built before variants existed have no `variant`
  { id: 'use-lite-int8', kind: 'use-lite', variant: 'int8' },
  { id: 'bge-small', kind: 'hf-onnx' },
];

describe('chooseLibraryModel', () => {
  it('uses the default for a new library or one embedded with the default', () => {
    expect(chooseLibraryModel('use-lite-int8', [], registered)).toEqual({
      model: 'use-lite-int8',
      reembed: null,
    });
    expect(chooseLibraryModel('use-lite-int8', ['use-lite-int8', 'bge-small'], registered)).toEqual({
      model: 'use-lite-int8',
      reembed: null,
    });
  });

  it('keeps a library on the variant it was embedded with and offers the re-embed, both ways', () => {
    expect(chooseLibraryModel('use-lite-int8', ['use-lite'], registered)).toEqual({
      model: 'use-lite',
      reembed: { from: 'use-lite', to: 'use-lite-int8' },
    });
    expect(chooseLibraryModel('use-lite', ['use-lite-int8'], registered)).toEqual({
      model: 'use-lite-int8',
      reembed: { from: 'use-lite-int8', to: 'use-lite' },
    });
  });

  it('stays on the complete old variant while a re-embed is unfinished (both present)', () => {
    expect(chooseLibraryModel('use-lite-int8', ['use-lite-int8', 'use-lite'], registered)).toEqual({
      model: 'use-lite',
      reembed: { from: 'use-lite', to: 'use-lite-int8' },
    });
  });

  it('leaves models without variants alone', () => {
    expect(chooseLibraryModel('bge-small', ['use-lite'], registered)).toEqual({
      model: 'bge-small',
      reembed: null,
    });
    expect(chooseLibraryModel('gone', ['use-lite'], registered)).toEqual({ model: 'gone', reembed: null });
  });
});

describe('siblingVariants', () => {
  it('lists the other builds of the same model only', () => {
    expect(siblingVariants('use-lite-int8', registered)).toEqual(['use-lite']);
    expect(siblingVariants('use-lite', registered)).toEqual(['use-lite-int8']);
    expect(siblingVariants('bge-small', registered)).toEqual([]);
  });
});
