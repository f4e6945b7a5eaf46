/** Framework-free alert core: config validation, rule evaluation, the alert state machine, preview. */
export * from './alert-config.js';
export {
  ALERT_FIELDS,
  validateAlertConfig,
  validateAlertJob,
  normalizeAlertConfig,
  floodGuardOf,
} from './validate-alert-config.js';
export { scheduleFitProblems } from './schedule-fit.js';
export { validateRule, type RuleWalkResult } from './validate-rule.js';
export {
  createEvalContext,
  operandKey,
  operandValueAt,
  isContiguous,
  type EvalContext,
  type EvalContextInput,
} from './eval-context.js';
export {
  evaluateRule,
  evaluateRuleLazily,
  evaluateRuleShared,
  collectValues,
  forEachOperand,
  type RuleEvaluation,
} from './evaluate-rule.js';
export {
  initialAlertState,
  stepAlert,
  sameAlertState,
  type AlertStatus,
  type AlertState,
  type AlertEvent,
  type AlertEventType,
  type AlertStepInput,
  type AlertStep,
} from './alert-state.js';
export { previewAlert, type PreviewFire } from './preview-alert.js';
export { runAlert, type AlertRunInput, type AlertRunOutput, type AlertTrigger } from './run-alert.js';
export {
  buildMessageView,
  renderDefaultMessage,
  describeRule,
  formatNumber,
  type MessageView,
  type MessageViewInput,
} from './alert-message.js';
