/**
 * Model variants: builds of one model that make different vectors for the same text (today the built-in
 * use-lite as fp32 `use-lite` and static int8 `use-lite-int8`). Each variant is its own registered model
 * with its own id and fingerprint, so its vectors live in their own table and are never compared with
 * another variant's. What this file decides is which variant a library uses:
 *
 * - a library that has vectors of the default model's family in another variant keeps searching and
 *   ingesting with that variant (a query is always embedded like the stored vectors), and is offered a
 *   re-embed job to the default variant;
 * - the re-embed job (`models.embedLibrary` with the default) embeds every document with the new variant,
 *   and when it completes the old variant's vectors are dropped (LibraryService.embedModel), so a library
 *   holds one variant of a family except while such a job is under way or was cancelled.
 */

/** What the registry knows about a model that matters here. */
export interface VariantModel {
  id: string;
  kind: string;
  /** Manifest `variant`; a use-lite folder without one is fp32. */
  variant?: string;
}

/** Family and variant of a model, or null for a model that has no variants (imported models). */
export function variantOf(model: VariantModel): { family: string; variant: string } | null {
  if (model.kind === 'use-lite') return { family: 'use-lite', variant: model.variant ?? 'fp32' };
  return null;
}

/** The model a library uses for the default, and the re-embed job it is offered. */
export interface LibraryModelChoice {
  /** The model to search (and keep ingesting) with. */
  model: string;
  /** Set when the library's vectors are another variant of the default model: embed it with `to`. */
  reembed: { from: string; to: string } | null;
}

/**
 * Which model a library with vectors of `libraryModels` uses when the user's default is `defaultModel`.
 * `registered` are the installed models (to find the default's family).
 */
export function chooseLibraryModel(
  defaultModel: string,
  libraryModels: readonly string[],
  registered: readonly VariantModel[],
): LibraryModelChoice {
  const byId = new Map(registered.map((m) => [m.id, m]));
  const target = byId.get(defaultModel);
  const family = target ? variantOf(target)?.family : undefined;
  if (!family) return { model: defaultModel, reembed: null };
  // Another installed variant of the same family whose vectors the library holds: that is the one the
  // library was embedded with (if the default's vectors exist too, a re-embed was cut short).
  const other = libraryModels.find(
    (id) => id !== defaultModel && byId.has(id) && variantOf(byId.get(id)!)?.family === family,
  );
  if (!other) return { model: defaultModel, reembed: null };
  return { model: other, reembed: { from: other, to: defaultModel } };
}

/** Installed variants of `modelId`'s family other than itself (what a finished re-embed replaces). */
export function siblingVariants(modelId: string, registered: readonly VariantModel[]): string[] {
  const self = registered.find((m) => m.id === modelId);
  const family = self ? variantOf(self)?.family : undefined;
  if (!family) return [];
  return registered.filter((m) => m.id !== modelId && variantOf(m)?.family === family).map((m) => m.id);
}
