import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { SubjectKind } from '../ruleset/types.js';
import type { SubjectRef } from '../types.js';
import { readId } from './readId.js';
import { INPUT_LIMITS } from './inputLimits.js';
import { readOneOf } from './readOneOf.js';
import { textProblem } from './textProblem.js';

const KINDS: readonly SubjectKind[] = ['customer', 'contact'];
const hasOwn = Object.hasOwn;

/**
 * Reads what names a subject: an object with an `id` (see `readId`) and an
 * optional `kind` (`'customer'` by default, or `'contact'`). Other keys are
 * ignored, so a stored subject can be passed as it is. Only own members are
 * read, each once: an inherited `id` is not one, and an own getter runs once
 * (as any read of your data would; one that throws is refused).
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subject'`)
 * @returns the subject's id and kind
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readSubjectRef({ id: 'c-1' }, 'subject'); // { id: 'c-1', kind: 'customer' }
 * readSubjectRef('c-1', 'subject'); // throws: subject must be an object { id, kind? }, got the string "c-1"
 * ```
 */
export function readSubjectRef(value: unknown, path: string): SubjectRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, "an object { id, kind?: 'customer' | 'contact' }", describeValue(value));
  }
  // Own members only, each read once by name: a getter runs once, as any read of your data would, and one that throws is refused.
  const subject = value as { readonly id?: unknown; readonly kind?: unknown };
  let id: unknown;
  let kind: unknown;
  try {
    id = hasOwn(subject, 'id') ? subject.id : undefined;
  } catch {
    throw new InputError(`${path}.id`, 'a data property', 'a getter that throws');
  }
  try {
    kind = hasOwn(subject, 'kind') ? subject.kind : undefined;
  } catch {
    throw new InputError(`${path}.kind`, 'a data property', 'a getter that throws');
  }
  return {
    // The member's path is built only to refuse it: this runs on every decision.
    id: isId(id) ? id : readId(id, `${path}.id`),
    kind: kind === undefined ? 'customer' : kind === 'customer' || kind === 'contact' ? kind : readOneOf(kind, `${path}.kind`, KINDS),
  };
}

/** What `readId` accepts, without building the path it names when refusing. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && textProblem(value, INPUT_LIMITS.idLength) === null;
}
