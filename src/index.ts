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
  NotSupportedError,
  RuleSetError,
  StoreError,
  WorkflowError,
  type WorkflowErrorCode,
} from './core/errors.js';
export { en } from './core/i18n/en.js';
export type { CandidateFacts, DateMessages, ExplainMessages, Locale, Messages, ValueKindWord, WorkflowActorWord, WorkflowMessages } from './core/i18n/messages.js';
export { LOCALES, messagesFor } from './core/i18n/messagesFor.js';
export { zhCN } from './core/i18n/zhCN.js';
export { checkSubjectFields, type FieldValueKind, type SubjectFieldFinding } from './core/ruleset/checkSubjectFields.js';
export type { CompiledRuleSet } from './core/ruleset/compiledTypes.js';
export { compileRuleSet, isCompiledRuleSet } from './core/ruleset/compileRuleSet.js';
export { type FormatIssuesOptions, formatIssues } from './core/ruleset/formatIssues.js';
export type { IssueCode, IssueParams, IssuePath, ValidationIssue } from './core/ruleset/issues.js';
export * from './core/ruleset/types.js';
export { type ValidationResult, validateRuleSet } from './core/ruleset/validateRuleSet.js';
export {
  createWaitingQueue,
  type WaitingDrainOptions,
  type WaitingDrainStep,
  type WaitingQueue,
  type WaitingSubject,
} from './core/queue/waitingQueue.js';
export { isScheduleOpen } from './core/time/isScheduleOpen.js';
export { nextScheduleOpening } from './core/time/nextScheduleOpening.js';
export { periodRange } from './core/time/periodRange.js';
export { compileSubjectFilter, type SubjectFilter } from './core/governance/compileSubjectFilter.js';
export { planRebalance, type RebalanceParticipant, type RebalancePlan, type RebalancePlanInput } from './core/governance/planRebalance.js';
export { planTransfer, type TransferPlan, type TransferPlanInput } from './core/governance/planTransfer.js';
export type { GovernanceMove, GovernanceSkip, GovernanceSkipReason, PortfolioEntry } from './core/governance/types.js';
export { applyWaitingUpdate } from './core/queue/applyWaitingUpdate.js';
export { compareWaiting } from './core/queue/compareWaiting.js';
export { refusalWaitingUpdate } from './core/queue/refusalWaitingUpdate.js';
export { waitingPriority } from './core/queue/waitingPriority.js';
export { waitingUpdateOf } from './core/queue/waitingUpdateOf.js';
export type {
  AgentStats,
  AgentStatsRow,
  AssignmentStats,
  DayStatsRow,
  DurationFigures,
  HourStatsRow,
  RuleShare,
  RuleStats,
  RuleStatsRow,
  StatsOptions,
  StatsQuery,
  StoreStats,
  TypeCounts,
  RuleSetChangeMark,
  WaitingStats,
} from './core/reports/types.js';
export { type DiffRuleSetsOptions, diffRuleSets } from './core/governance/diffRuleSets.js';
export { formatRuleSetChange } from './core/governance/formatRuleSetChange.js';
export type {
  DiffLocale,
  OrderSummary,
  ParticipantName,
  RuleSetChange,
  RuleSetChangeCode,
  RuleSetChangeParams,
  ScheduleSummary,
  SettingName,
  SettingValue,
  UnwordedChange,
} from './core/governance/ruleSetChange.js';
export { type ExplainOptions, explain } from './core/trace.js';
export { ruleSetRevision } from './core/versions/ruleSetRevision.js';
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
  RecordDecision,
  RecordPage,
  RecordQuery,
  RuleSetVersion,
  RuleSetVersionPage,
  RuleSetVersionQuery,
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
export type { RecordExplanation } from './service/versions/explainRecord.js';
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
  GovernanceMoveOutcome,
  GroupCommitOptions,
  ManualAssignmentInput,
  NotificationFailure,
  RecordFilter,
  RecordOutcome,
  RebalanceInput,
  RebalanceResult,
  ReleaseOptions,
  ReleaseResult,
  RetryOptions,
  SubjectLocator,
  SubjectUpdate,
  SubjectView,
  TransferInput,
  TransferResult,
  WaitingFilter,
  WorkflowOutcome,
} from './service/types.js';
