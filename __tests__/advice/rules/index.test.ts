import { RULES } from '../../../src/advice/rules/index.js';

describe('RULES', () => {
  it('describes every rule once, in kebab-case', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.title).not.toBe('');
      expect(rule.why).not.toContain('\n');
      expect(rule.fix).not.toContain('\n');
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'copy-before-install',
        'pip-cache-baked-in',
        'uv-sync-unlocked',
        'apt-lists-left',
        'apt-upgrade',
        'no-dockerignore',
        'context-sends-heavy-dirs',
        'context-large-files',
        'heavy-base-image',
        'build-tools-in-final-image',
        'delete-in-later-layer',
        'add-where-copy-fits',
        'unpinned-base',
        'secret-in-env',
        'copy-project-before-install',
        'cache-mount-wrong-user',
        'apt-no-install-recommends',
        'apk-cache',
        'dev-packages-in-final-image',
        'recursive-chown-after-copy',
      ]),
    );
  });
});
