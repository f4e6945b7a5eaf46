/** `{"and": [rules]}`, `{"or": [rules]}`, `{"not": rule}`: evaluated by evaluate-rule.ts, which recurses. */
export const LOGIC_OPS = ['and', 'or', 'not'] as const;
export type LogicOp = (typeof LOGIC_OPS)[number];
