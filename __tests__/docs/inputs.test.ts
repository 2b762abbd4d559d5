import { parseDocument } from 'yaml';

import { cell, inputsMarkdown, outputsMarkdown } from '../../scripts/docs/inputs.mjs';

describe('docs/inputs.md generator', () => {
  it('keeps action.yml text intact inside a table cell', () => {
    expect(cell('lives at <image>:buildcache-<branch>')).toBe(
      'lives at &lt;image&gt;:buildcache-&lt;branch&gt;',
    );
    expect(cell('min | max')).toBe('min \\| max');
    expect(cell('requirements*.txt and\n  uv.lock')).toBe('requirements\\*.txt and uv.lock');
    expect(cell(undefined)).toBe('');
  });

  it("groups inputs under action.yml's comment headings, with defaults as code", () => {
    const action = parseDocument(`
inputs:
  mode:
    description: build or relay.
    default: build
  # Builder
  driver:
    description: Which driver.
    required: true
  endpoint:
    description: Where | how.
outputs:
  digest:
    description: Image <digest>.
`);
    const markdown = inputsMarkdown(action);
    expect(markdown).toContain('All 3 inputs');
    expect(markdown).toMatch(
      /## Mode\n\n\| input \| default \| description \|\n\| --- \| --- \| --- \|\n\| `mode` \| `build` \| build or relay\. \|/,
    );
    expect(markdown).toContain('## Builder');
    expect(markdown).toContain('| `driver` (required) |  | Which driver. |');
    expect(markdown).toContain('| `endpoint` |  | Where \\| how. |');
    expect(markdown.indexOf('## Builder')).toBeLessThan(markdown.indexOf('`driver`'));
    expect(outputsMarkdown(action)).toContain('| `digest` | Image &lt;digest&gt;. |');
  });

  it("gives each sub-action a section of its own after the action's inputs and outputs", () => {
    const action = parseDocument(`
inputs:
  # Builder
  driver:
    description: Which driver.
outputs:
  digest:
    description: Image digest.
`);
    const relay = parseDocument(`
description: Posts <the> comment.
inputs:
  artifact-path:
    description: Where it is.
    required: true
outputs:
  pull-request:
    description: Which one.
`);
    const subActions = [{ dir: 'comment-from-artifact', action: relay }];
    const inputs = inputsMarkdown(action, subActions);
    expect(inputs).toContain('All 1 inputs');
    expect(inputs).toContain(
      '## The `comment-from-artifact` sub-action\n\nPosts &lt;the&gt; comment. Used as `OWNER/docker-fast-build/comment-from-artifact@v1`.',
    );
    expect(inputs).toContain('| `artifact-path` (required) |  | Where it is. |');
    expect(inputs.indexOf('`driver`')).toBeLessThan(
      inputs.indexOf('## The `comment-from-artifact` sub-action'),
    );
    const outputs = outputsMarkdown(action, subActions);
    expect(outputs).toContain('| `pull-request` | Which one. |');
    expect(outputs.indexOf('`digest`')).toBeLessThan(outputs.indexOf('`pull-request`'));
  });
});
