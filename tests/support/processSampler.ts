import fs from 'node:fs';

export interface ProcessSample {
  rssMb: number;
  threads: number;
}

/** RSS and thread count of a process, from /proc (Linux). */
export function readProcess(pid: number): ProcessSample {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
    threads: Number(/Threads:\s+(\d+)/.exec(status)?.[1] ?? 0),
  };
}

/**
 * Samples a process every `everyMs` until stopped; `stop()` returns the peaks. Used to bound what a
 * server does under load (memory during an upload, threads during parallel calls).
 */
export function processSampler(pid: number, everyMs = 25) {
  const peak: ProcessSample = readProcess(pid);
  const timer = setInterval(() => {
    try {
      const s = readProcess(pid);
      peak.rssMb = Math.max(peak.rssMb, s.rssMb);
      peak.threads = Math.max(peak.threads, s.threads);
    } catch {
      // the process exited; the test will say why
    }
  }, everyMs);
  return {
    now: () => readProcess(pid),
    stop(): ProcessSample {
      clearInterval(timer);
      const last = readProcess(pid);
      return { rssMb: Math.max(peak.rssMb, last.rssMb), threads: Math.max(peak.threads, last.threads) };
    },
  };
}
