// A queue of faults the fake AWS endpoint plays back, so tests can make the real SDK meet
// throttling, 500s, slow answers and dropped connections, also only mid-way through a sync.

/**
 * "drop" closes the connection before answering; "truncate" sends half of a real answer, then closes;
 * "missingMetric" answers GetCostAndUsage with `metric` left out of every group's Metrics.
 */
export type FaultKind = "throttle" | "serverError" | "delay" | "drop" | "truncate" | "missingMetric";

export interface Fault {
  kind: FaultKind;
  /** How many matching requests get this fault. Default 1. */
  times?: number;
  /** Only requests to this operation: a full X-Amz-Target or just the operation, e.g. "GetCostAndUsage". */
  target?: string;
  /** Hold back until this many matching requests have been answered successfully (e.g. fail page 3). */
  afterSuccesses?: number;
  /** For "delay": how long to wait before answering normally. */
  delayMs?: number;
  /** For "missingMetric": the metric to leave out, e.g. "AmortizedCost". */
  metric?: string;
}

interface QueuedFault {
  fault: Fault;
  left: number;
  successesSeen: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(faults: Fault[]): void {
    for (const fault of faults) this.queue.push({ fault, left: fault.times ?? 1, successesSeen: 0 });
  }

  clear(): void {
    this.queue = [];
  }

  /** The first armed fault for this request, used up by one; undefined = answer normally. */
  take(target: string): Fault | undefined {
    const queued = this.queue.find(
      (q) => targets(q.fault, target) && q.successesSeen >= (q.fault.afterSuccesses ?? 0),
    );
    if (!queued) return undefined;
    queued.left -= 1;
    if (queued.left <= 0) this.queue = this.queue.filter((q) => q !== queued);
    return queued.fault;
  }

  /** Counts a successful answer towards the faults waiting for `afterSuccesses`. */
  recordSuccess(target: string): void {
    for (const queued of this.queue) if (targets(queued.fault, target)) queued.successesSeen += 1;
  }

  get pending(): number {
    return this.queue.length;
  }
}

function targets(fault: Fault, target: string): boolean {
  return fault.target === undefined || fault.target === target || target.endsWith(`.${fault.target}`);
}
