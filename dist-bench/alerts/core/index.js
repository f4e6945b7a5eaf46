/** Framework-free alert core: config validation, rule evaluation, the alert state machine, preview. */
export * from './alert-config.js';
export { validateAlertConfig, normalizeAlertConfig } from './validate-alert-config.js';
export { validateRule } from './validate-rule.js';
export { createEvalContext, operandKey, operandValueAt, isContiguous, } from './eval-context.js';
export { evaluateRule, collectValues, forEachOperand } from './evaluate-rule.js';
export { initialAlertState, stepAlert, } from './alert-state.js';
export { previewAlert } from './preview-alert.js';
export { runAlert } from './run-alert.js';
export { buildMessageView, renderDefaultMessage, describeRule, formatNumber, } from './alert-message.js';
//# sourceMappingURL=index.js.map