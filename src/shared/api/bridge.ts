/**
 * What the Electron preload script exposes to the page as `window.loci`: exactly two functions, checked
 * against the contract's names. The renderer uses it as its transport when present.
 */
export interface LociBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}
