import { InputError } from '../core/errors.js';
import { INPUT_LIMITS } from '../core/input/inputLimits.js';
import { readSubjectUpdate, type SubjectUpdateRead } from '../core/input/readSubjectUpdate.js';
import { CliError } from './cliError.js';
import { parseInstant } from './parseInstant.js';
import type { SimulationCustomer } from './simulationResult.js';

/**
 * Checks one customer of a JSONL file, `{ "id", "kind"?, "createdAt", "endedAt"?, "fields"? }`
 * (`endedAt`: when the customer's care ends, not before `createdAt`), and keeps only those keys.
 *
 * @param value - the parsed JSON line
 * @param where - `file:line`, the prefix of error messages
 * @returns the customer, `createdAt` and `endedAt` as epoch milliseconds and `fields` `{}` when absent
 * @throws CliError (exit 2) naming the line and the key that is wrong
 * @example
 * ```ts
 * customerFromJson({ id: 'c-1', createdAt: '2026-10-08T09:30+08:00', fields: { region: '北京' } }, 'customers.jsonl:1');
 * ```
 */
export function customerFromJson(value: unknown, where: string): SimulationCustomer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${where}: expected a JSON object { "id", "kind"?, "createdAt", "fields" }, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  const { createdAt, endedAt, ...given } = value as Record<string, unknown>;
  let subject: SubjectUpdateRead;
  try {
    subject = readSubjectUpdate({ id: given.id, kind: given.kind, fields: given.fields ?? {} }, 'customer', INPUT_LIMITS);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(`${where}: ${error.message}`);
    throw error;
  }
  if (createdAt === undefined) throw new CliError(`${where}: "createdAt" is missing (the instant the customer was created, e.g. 2026-10-01T09:00+08:00)`);
  const at = parseInstant(createdAt, `${where}: createdAt`);
  const ended = endedAt === undefined || endedAt === null ? undefined : parseInstant(endedAt, `${where}: endedAt`);
  if (ended !== undefined && ended < at) throw new CliError(`${where}: endedAt (${new Date(ended).toISOString()}) is before createdAt (${new Date(at).toISOString()})`);
  return {
    id: subject.id,
    ...(given.kind !== undefined && { kind: subject.kind }),
    createdAt: at,
    ...(ended !== undefined && { endedAt: ended }),
    fields: subject.fields ?? {},
  };
}
