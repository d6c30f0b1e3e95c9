// The queue of injected faults: the first rule that matches answers the request, until its `times` run out.

import type { FaultRule, NormalizedRequest } from './types.js';

interface PendingFault {
  rule: FaultRule;
  remaining: number;
}

export interface FaultQueue {
  add(rule: FaultRule): void;
  take(request: NormalizedRequest): FaultRule | undefined;
  clear(): void;
}

export function createFaultQueue(initial: FaultRule[] = []): FaultQueue {
  const pending: PendingFault[] = [];
  const add = (rule: FaultRule) => pending.push({ rule, remaining: rule.times ?? 1 });
  initial.forEach(add);
  return {
    add,
    take(request) {
      const index = pending.findIndex((fault) => fault.rule.match === undefined || fault.rule.match(request));
      const fault = pending[index];
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) pending.splice(index, 1);
      return fault.rule;
    },
    clear() {
      pending.length = 0;
    },
  };
}
