import { at, type Rule, type RuleFinding } from './rule.js';

export const unpinnedBase: Rule = {
  id: 'unpinned-base',
  title: 'Base image without a version tag',
  why: '`latest` (or no tag) moves under you: builds stop being reproducible and the layer cache breaks whenever upstream pushes.',
  fix: 'Pin a version tag (e.g. python:3.12-slim), or a digest for full reproducibility (image:tag@sha256:…).',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const stage of model.stages) {
      // Scratch, earlier stages and ARGs we cannot resolve have no image here.
      const image = stage.image;
      if (!image || image.digest !== null || (image.tag !== null && image.tag !== 'latest')) continue;
      findings.push({
        severity: 'warning',
        ...at(stage.from),
        message:
          image.tag === null
            ? `FROM ${stage.resolvedImage} has no tag, so it means :latest, whatever upstream pushed last.`
            : `FROM ${stage.resolvedImage} follows whatever upstream pushed last.`,
      });
    }
    return findings;
  },
};
