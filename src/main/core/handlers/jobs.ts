import type { JobManager } from '../jobs/jobManager';
import type { DomainHandlers } from './types';

/** `jobs.*`: list and cancel long-running work. */
export function jobHandlers(jobs: JobManager): DomainHandlers<'jobs.list' | 'jobs.cancel'> {
  return {
    'jobs.list': async () => jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
