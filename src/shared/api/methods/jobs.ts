import { z } from 'zod';
import { method } from '../define';
import type { JobProgress } from '../events';

export const jobMethods = {
  /** Jobs running or finished in this session, newest first, with their last progress. */
  'jobs.list': method<JobProgress[]>()(z.object({}).strict()),
  /** Asks a job to stop; it finishes the document in hand atomically, so the library stays consistent. */
  'jobs.cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
};
