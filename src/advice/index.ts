export { parseDockerfile } from '../dockerfile/model.js';
export { adviseDockerfile } from './advise.js';
export { LARGE_FILE_BYTES, measureContext, type MeasureOptions } from './context.js';
export { RULES, type RuleDescription } from './rules/index.js';
export type { AdviceInput, AdviceSeverity, ContextEntry, ContextFacts, Finding } from './types.js';
