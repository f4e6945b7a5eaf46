import { ValidationFailed } from '../common/errors.js';
import { INDICATORS, validateIndicator } from './core/index.js';
/**
 * The registry's problems for each requested indicator, re-phrased to start with the field path
 * (`indicators[0].params.period must be an integer 1…1000`).
 */
export function indicatorRequestProblems(requests, path = 'indicators') {
    return requests.flatMap((r, i) => {
        const at = `${path}[${i}]`;
        const spec = INDICATORS[r.indicator];
        return validateIndicator(r.indicator, r.params ?? {}, r.output).map((problem) => {
            const unknownParam = /^unknown param "(.*?)" for \S+ (.*)$/.exec(problem);
            if (unknownParam)
                return `${at}.params.${unknownParam[1]} is not a param of ${r.indicator} ${unknownParam[2]}`;
            if (problem.startsWith('unknown output'))
                return `${at}.output must be one of ${spec.outputs.join(', ')}`;
            return `${at}.params.${problem}`;
        });
    });
}
/**
 * Requests as the core takes them: a multi-output indicator without `output` asks for every
 * output (the API answers them all); one with `output` for that one.
 */
export function expandRequests(requests) {
    const problems = indicatorRequestProblems(requests);
    if (problems.length)
        throw new ValidationFailed(problems);
    return requests.flatMap((r) => {
        const spec = INDICATORS[r.indicator];
        const outputs = r.output !== undefined ? [r.output] : spec.outputs.length > 1 ? spec.outputs : [spec.defaultOutput];
        return outputs.map((output) => ({ indicator: r.indicator, params: r.params ?? {}, output }));
    });
}
//# sourceMappingURL=indicator-requests.js.map