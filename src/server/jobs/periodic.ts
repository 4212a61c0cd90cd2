// A task run soon after start and then at a fixed interval, never two runs of it at once in this process.

export interface Periodic {
  /** Stops the timers and waits for a run that is going on. */
  stop(): Promise<void>;
}

/**
 * Runs `task` after `Math.min(intervalMs, firstDelayMs)` and then every `intervalMs` until stopped. A tick that comes
 * while the last run is still going is skipped. `onDone` sees each run's result; `onError` each run's failure (a
 * failed run does not stop the timer). The timers do not keep the process alive.
 */
export function runPeriodically<T>(options: {
  task: () => Promise<T>;
  intervalMs: number;
  firstDelayMs: number;
  onDone: (result: T) => void;
  onError: (error: unknown) => void;
}): Periodic {
  const { task, intervalMs, firstDelayMs, onDone, onError } = options;
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return; // the last run is still going (a large backlog, a slow disk or database)
    running = task()
      .then(onDone, onError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, Math.min(intervalMs, firstDelayMs));
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
