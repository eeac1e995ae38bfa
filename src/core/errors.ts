/**
 * Every error the library throws is an `AssignmentError` with a string `code`.
 */
import type { ValidationIssue } from './ruleset/issues.js';

/** Codes of refused workflow actions, so a UI knows what to show. */
export type WorkflowErrorCode =
  | 'feature_disabled'
  | 'forbidden'
  | 'not_pending'
  | 'pending_exists'
  | 'not_expired'
  | 'invalid_transition'
  | 'already_assigned'
  | 'invalid_input';

/** Every error code. */
export type AssignmentErrorCode =
  | 'invalid_rule_set'
  | WorkflowErrorCode
  | 'not_found'
  | 'not_supported'
  | 'store_failure'
  | 'concurrency_conflict'
  | 'commit_unknown'
  | 'notifier_failure';

/**
 * Base class of every error the library throws.
 *
 * @example
 * ```ts
 * try { await svc.confirm(recordId, actor); }
 * catch (e) { if (e instanceof AssignmentError) console.log(e.code); }
 * ```
 */
export class AssignmentError extends Error {
  readonly code: AssignmentErrorCode;
  constructor(code: AssignmentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssignmentError';
    this.code = code;
  }
}

/**
 * A rule set failed validation; `issues` lists every problem with its path.
 *
 * @example
 * ```ts
 * try { compileRuleSet(input); }
 * catch (e) { if (e instanceof RuleSetError) console.error(formatIssues(e.issues)); }
 * ```
 */
export class RuleSetError extends AssignmentError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    const first = issues[0];
    const where = first ? ` (first: ${first.path.join('.') || '<root>'}: ${first.message})` : '';
    super('invalid_rule_set', `Invalid rule set: ${issues.length} issue(s)${where}`);
    this.name = 'RuleSetError';
    this.issues = issues;
  }
}

/**
 * A workflow action was refused; `code` says why.
 *
 * @example
 * ```ts
 * try { transition(record, 'confirm', { ruleSet, now, actor }); }
 * catch (e) { if (e instanceof WorkflowError && e.code === 'forbidden') showForbidden(); }
 * ```
 */
export class WorkflowError extends AssignmentError {
  declare readonly code: WorkflowErrorCode;
  /**
   * The values a UI needs to say the refusal in its own language, e.g. for
   * `forbidden` from `transition`: `{ who: 'record_agent', event: 'confirm', recordId }`
   * (`messagesFor('zh-CN').workflow.forbidden(who, event, recordId)`); empty when there are none.
   */
  readonly params: Readonly<Record<string, string>>;
  constructor(code: WorkflowErrorCode, message: string, params: Readonly<Record<string, string>> = {}) {
    super(code, message);
    this.name = 'WorkflowError';
    this.params = params;
  }
}

/** Why an input was refused (see `InputError.reason`). */
export type InputErrorReason = 'invalid_value' | 'unknown_key' | 'duplicate';

/**
 * An argument was malformed: `path` names it (`subject.fields.level`,
 * `agents[3].id`), `expected` says what it must be and `received` describes
 * what was given, so a caller (or a future locale) can word the message
 * itself. Thrown by every reader in `core/input/`, at every entry point.
 *
 * @example
 * ```ts
 * try { await svc.records({ status: ['declined'] } as never); }
 * catch (e) { if (e instanceof InputError) console.log(e.path, e.suggestion); } // 'filter.status' 'statuses'
 * ```
 */
export class InputError extends AssignmentError {
  declare readonly code: 'invalid_input';
  /** Where the bad value is, e.g. `'filter.limit'` or `'agents[3].id'`. */
  readonly path: string;
  /** What the value must be, e.g. `'an integer from 1 to 500'`; for an unknown key, the known keys. */
  readonly expected: string;
  /** What was given, described without calling anything on it. */
  readonly received: string;
  /**
   * `unknown_key` when the key itself is not a known option; `duplicate` when
   * `received` names an earlier path holding the same value; else `invalid_value`.
   */
  readonly reason: InputErrorReason;
  /** For an unknown key: the known key it most likely meant. */
  readonly suggestion: string | undefined;
  constructor(
    path: string,
    expected: string,
    received: string,
    options: { reason?: InputErrorReason; suggestion?: string } = {},
  ) {
    const reason = options.reason ?? 'invalid_value';
    const { suggestion } = options;
    super('invalid_input', inputMessage(reason, path, expected, received, suggestion));
    this.name = 'InputError';
    this.path = path;
    this.expected = expected;
    this.received = received;
    this.reason = reason;
    this.suggestion = suggestion;
  }
}

function inputMessage(reason: InputErrorReason, path: string, expected: string, received: string, suggestion: string | undefined): string {
  if (reason === 'duplicate') return `${received} and ${path} are both ${expected}`;
  if (reason === 'invalid_value') return `${path} must be ${expected}, got ${received}`;
  return `${path}: unknown option, ${suggestion === undefined ? `expected one of ${expected}` : `did you mean ${suggestion}?`}`;
}

/**
 * Something the caller named does not exist (subject, agent, record).
 *
 * @example
 * ```ts
 * await svc.confirm('no-such-record', actor); // throws NotFoundError, code 'not_found'
 * ```
 */
export class NotFoundError extends AssignmentError {
  readonly entity: 'subject' | 'agent' | 'record';
  readonly id: string;
  constructor(entity: 'subject' | 'agent' | 'record', id: string) {
    super('not_found', `Unknown ${entity} "${id}"`);
    this.name = 'NotFoundError';
    this.entity = entity;
    this.id = id;
  }
}

/**
 * The store lacks an optional port method the call needs (e.g.
 * `assignmentStats` for `svc.stats`); `method` names it.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof NotSupportedError) console.log(e.method); } // 'assignmentStats'
 * ```
 */
export class NotSupportedError extends AssignmentError {
  /** The store method that is missing. */
  readonly method: string;
  constructor(method: string) {
    super('not_supported', `The store does not implement ${method}(), which this call needs`);
    this.name = 'NotSupportedError';
    this.method = method;
  }
}

/**
 * A store operation failed; `cause` holds the database error.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StoreError) logger.error(e.cause); }
 * ```
 */
export class StoreError extends AssignmentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_failure', message, options);
    this.name = 'StoreError';
  }
}

/**
 * A transaction kept conflicting with concurrent ones and the bounded retry gave up,
 * or an optimistic version check failed.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConcurrencyError) retryLater(); }
 * ```
 */
export class ConcurrencyError extends AssignmentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('concurrency_conflict', message, options);
    this.name = 'ConcurrencyError';
  }
}

/**
 * A transaction's outcome is unknown: the connection was lost after `COMMIT`
 * was sent, so it may have committed or not. A store throws it from
 * `transaction()` when the `COMMIT` itself fails that way; the service then
 * checks whether the attempt committed and returns its result when it did,
 * or runs the call again when it did not. A caller gets it only when that
 * could not be determined either: the call may have taken effect — call again
 * with the same idempotency key to get its result, never assume it failed.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof CommitUnknownError) await svc.autoAssign(subject, { idempotencyKey }); }
 * ```
 */
export class CommitUnknownError extends AssignmentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('commit_unknown', message, options);
    this.name = 'CommitUnknownError';
  }
}
