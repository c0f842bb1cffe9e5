// A small bounded queue: at most `printing` jobs run at once, at most `waiting` wait their turn, and
// anything past that is refused at once (PrintQueueFullError: 503) instead of piling up in memory.
export interface PrintQueueLimits {
  printing: number;
  waiting: number;
}

export class PrintQueueFullError extends Error {
  constructor(limits: PrintQueueLimits) {
    super(`the PDF printer is busy (${limits.printing} printing, ${limits.waiting} waiting): try again in a minute, or download Markdown or HTML`);
  }
}

export function createPrintQueue(limits: PrintQueueLimits) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running >= limits.printing) {
        if (waiting.length >= limits.waiting) throw new PrintQueueFullError(limits);
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running += 1;
      try {
        return await job();
      } finally {
        const next = waiting.shift();
        if (next) next(); // the slot passes straight to the next job
        else running -= 1;
      }
    },
    /** Asked from inside a job: true when it is the last one running and nothing waits. */
    idle: () => running <= 1 && waiting.length === 0,
  };
}
