import { definitionDigest, planFileSync, type StoredJob } from './file-sync-plan.js';

const want = (name: string, spec: unknown = { name }) => ({ name, spec, digest: definitionDigest(spec) });
const stored = (name: string, source: string, spec: unknown = { name }): StoredJob => ({
  id: `id-${name}`,
  name,
  source,
  fileDigest: source === 'file' ? definitionDigest(spec) : null,
});

describe('planFileSync', () => {
  it('creates new names, replaces changed definitions, deletes vanished file jobs, keeps the rest', () => {
    const plan = planFileSync(
      [want('new'), want('same'), want('changed', { name: 'changed', v: 2 })],
      [
        stored('same', 'file'),
        stored('changed', 'file', { name: 'changed', v: 1 }),
        stored('gone', 'file'),
        stored('api', 'api'),
      ],
    );
    expect(plan.create.map((j) => j.name)).toEqual(['new']);
    expect(plan.update.map((u) => u.id)).toEqual(['id-changed']);
    expect(plan.delete.map((j) => j.name)).toEqual(['gone']);
    expect(plan.unchanged).toBe(1);
    expect(plan.problems).toEqual([]);
  });

  it('refuses a file job whose name an API job holds, and never deletes API jobs', () => {
    const plan = planFileSync([want('api')], [stored('api', 'api')]);
    expect(plan.problems).toEqual(['job "api" exists and was created through the API; a file may not redefine it']);
    expect(planFileSync([], [stored('api', 'api')]).delete).toEqual([]);
  });

  it('digests ignore key order (jsonb reorders keys) and see every value', () => {
    expect(definitionDigest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      definitionDigest({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(definitionDigest({ a: 1, b: { c: [2, 1] } })).not.toBe(definitionDigest({ a: 1, b: { c: [1, 2] } }));
  });
});
