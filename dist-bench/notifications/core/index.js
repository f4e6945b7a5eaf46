export * from './backoff.js';
export * from './delivery-policy.js';
export * from './notification-payload.js';
export * from './render-message.js';
//# sourceMappingURL=index.js.map