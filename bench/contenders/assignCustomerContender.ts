/**
 * Contender (c): the library as a CRM that keeps agent snapshots uses it —
 * the rule set compiled once, `assignCustomer` called per subject with the
 * same `agents` array every time, the chosen agent's count applied to that
 * array in place. With `trace`, each result's `trace` is read (the lazy trace
 * is computed then, by deciding again with tracing on).
 */
import { library } from '../library.js';
import type { BenchAgent, BenchSubject, BenchWorkload } from '../benchWorkload.js';
import { type Contender, type ContenderOptions, countAssignment, resultSink } from './contender.js';

const { assignCustomer, compileRuleSet } = library;

/**
 * The `assignCustomer` contender over a stream of subjects.
 *
 * @param workload - the §8 workload
 * @param subjects - the stream it decides, cycling
 * @param options - `trace`: read each result's trace
 * @returns the contender, with its own copy of the agents
 * @example
 * ```ts
 * const c = assignCustomerContender(benchWorkload(200), benchSubjects(4096));
 * c.decide(0); // 'agent-00101'
 * ```
 */
export function assignCustomerContender(workload: BenchWorkload, subjects: readonly BenchSubject[], options: ContenderOptions = {}): Contender {
  const traced = options.trace === true;
  const ruleSet = compileRuleSet(workload.ruleSet);
  const agents = workload.agents();
  const byId = new Map<string, BenchAgent>(agents.map((agent) => [agent.id, agent]));

  function decide(i: number): string | null {
    const { subject, nowMs } = subjects[i]!;
    const result = assignCustomer({ ruleSet, subject, agents, now: nowMs });
    resultSink.last = result;
    // Read before the count below changes the snapshots the lazy trace decides on again.
    if (traced) resultSink.trace = result.trace;
    const { agentId } = result;
    if (agentId !== null) countAssignment(byId, agentId);
    return agentId;
  }

  let cursor = 0;
  return {
    label: `assignCustomer, compiled rule set${traced ? ', trace read' : ''} (c)`,
    decide,
    run(count) {
      for (let k = 0; k < count; k++) {
        decide(cursor);
        cursor = cursor + 1 === subjects.length ? 0 : cursor + 1;
      }
    },
  };
}
