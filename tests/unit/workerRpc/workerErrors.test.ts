import { afterAll, describe, expect, it } from 'vitest';
import { LociError } from '../../../src/shared/api/errors';
import { toLociError } from '../../../src/main/core/handlers/toLociError';
import { spawnWorkerAt } from '../../../src/main/core/workers/spawnWorker';
import { RpcClient } from '../../../src/main/core/workerRpc/rpcClient';
import { workerThreadEndpoint } from '../../../src/main/core/workerRpc/rpcEndpoint';
import type { TestProtocol } from '../../support/rpcTestWorker';

/**
 * Errors thrown in a worker reach the user with their meaning: the store's and the API's codes cross
 * the thread boundary (before the RPC module they arrived as plain Errors, reported as INTERNAL), and
 * a worker that is gone is UNAVAILABLE.
 */
describe('worker errors as API errors', () => {
  const client = new RpcClient<TestProtocol>({
    name: 'test worker',
    start: () =>
      workerThreadEndpoint(
        spawnWorkerAt(new URL('../../support/rpcTestWorker.ts', import.meta.url)),
        'test worker',
      ),
  });
  afterAll(() => client.close());

  const apiError = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => toLociError(error),
    );

  it("keeps a store error's code (a model without vectors is NOT_FOUND)", async () => {
    const error = await apiError(client.call('failUnknownModel', { modelId: 'tiny' }));
    expect(error).toBeInstanceOf(LociError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"tiny"') });
  });

  it('keeps an API code, and reports an uncoded error as INTERNAL', async () => {
    expect(await apiError(client.call('fail', { code: 'CONFLICT', message: 'busy' }))).toMatchObject({
      code: 'CONFLICT',
      message: 'busy',
    });
    expect(await apiError(client.call('fail', { message: 'oops' }))).toMatchObject({ code: 'INTERNAL' });
  });

  it('reports a worker that died as UNAVAILABLE', async () => {
    expect(await apiError(client.call('crash', { how: 'exit' }))).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'test worker exited with code 3',
    });
  });
});
