/** Runs once before the suite. Later steps (renderer build for browser tests) hook in here. */
export default async function globalSetup(): Promise<void> {}
