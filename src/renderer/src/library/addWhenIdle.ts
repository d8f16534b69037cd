import type { LociClient } from '../../../shared/api/client';
import type { JobStarted } from '../../../shared/api/methods/library';
import { LociError } from '../../../shared/api/errors';

const pollMs = 1000;

/**
 * `library.add`, but when another library job is running (the core runs one writer job at a time and
 * answers CONFLICT) it waits for that job to end and tries again, instead of failing the user's add.
 * `onWaiting` is called once when it starts waiting.
 */
export async function addWhenIdle(
  client: LociClient,
  paths: string[],
  onWaiting?: () => void,
): Promise<JobStarted> {
  let told = false;
  for (;;) {
    try {
      return await client.call('library.add', { paths });
    } catch (err) {
      if (!(err instanceof LociError) || err.code !== 'CONFLICT') throw err;
      if (!told) onWaiting?.();
      told = true;
      await waitUntilIdle(client);
    }
  }
}

async function waitUntilIdle(client: LociClient): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const status = await client.call('library.status', {}).catch(() => null);
    if (status && !status.activeJob) return;
  }
}
