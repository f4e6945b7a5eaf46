export {};
//# sourceMappingURL=job-handler.js.map