/**
 * dedicated-agent: decide which service agent becomes the dedicated agent of
 * each customer or contact, and run the workflow around it.
 */
export { assignCustomer, type AssignCustomerInput } from './core/assign.js';
export {
  type Assigner,
  type AssignerDecision,
  type AssignerOptions,
  type AssignOptions,
  createAssigner,
} from './core/assigner.js';
export {
  AssignmentError,
  type AssignmentErrorCode,
  CommitUnknownError,
  ConcurrencyError,
  InputError,
  NotFoundError,
  RuleSetError,
  StoreError,
  WorkflowError,
  type WorkflowErrorCode,
} from './core/errors.js';
export { checkSubjectFields, type FieldValueKind, type SubjectFieldFinding } from './core/ruleset/checkSubjectFields.js';
export type { CompiledRuleSet } from './core/ruleset/compiledTypes.js';
export { compileRuleSet, isCompiledRuleSet } from './core/ruleset/compileRuleSet.js';
export { formatIssues } from './core/ruleset/formatIssues.js';
export type { IssueCode, IssueParams, IssuePath, ValidationIssue } from './core/ruleset/issues.js';
export * from './core/ruleset/types.js';
export { type ValidationResult, validateRuleSet } from './core/ruleset/validateRuleSet.js';
export { isScheduleOpen } from './core/time/isScheduleOpen.js';
export { nextScheduleOpening } from './core/time/nextScheduleOpening.js';
export { periodRange } from './core/time/periodRange.js';
export { applyWaitingUpdate } from './core/queue/applyWaitingUpdate.js';
export { compareWaiting } from './core/queue/compareWaiting.js';
export { refusalWaitingUpdate } from './core/queue/refusalWaitingUpdate.js';
export { waitingPriority } from './core/queue/waitingPriority.js';
export { waitingUpdateOf } from './core/queue/waitingUpdateOf.js';
export { type ExplainOptions, explain } from './core/trace.js';
export * from './core/types.js';
export { expirePending } from './core/workflow/expirePending.js';
export { type ApplicationRequest, requestApplication } from './core/workflow/requestApplication.js';
export { type ManualAssignmentRequest, requestManualAssignment } from './core/workflow/requestManualAssignment.js';
export { type TransitionOptions, transition } from './core/workflow/transition.js';
export type {
  AgentProfile,
  AgentProfileInput,
  AssignmentStore,
  ChangeSet,
  Clock,
  CounterChange,
  Notification,
  Notifier,
  OutboxEntry,
  PeriodBuckets,
  PeriodRanges,
  Promisable,
  QueueStats,
  RecordPage,
  RecordQuery,
  StoredSubject,
  StoreTransaction,
  SubjectAgentChange,
  SubjectInputRecord,
  WaitingChange,
  WaitingPage,
  WaitingQuery,
  WaitingWake,
} from './ports.js';
export { createAssignmentService } from './service/createAssignmentService.js';
export type {
  ApplicationInput,
  AssignmentService,
  AssignmentServiceBase,
  AssignmentServiceOptions,
  AutoAssignManyOptions,
  AutoAssignManySummary,
  AutoAssignOptions,
  DispatchOptions,
  DispatchResult,
  DrainDecision,
  DrainResult,
  GroupCommitOptions,
  ManualAssignmentInput,
  NotificationFailure,
  RecordFilter,
  RecordOutcome,
  ReleaseOptions,
  ReleaseResult,
  RetryOptions,
  SubjectLocator,
  SubjectUpdate,
  SubjectView,
  WaitingFilter,
  WorkflowOutcome,
} from './service/types.js';
