import { systemPackagesOf } from '../installs.js';
import { shippedStages } from '../../dockerfile/model.js';
import { programName, type ShellCommand } from '../../dockerfile/shell.js';
import { at, quote, type Rule, type RuleFinding } from './rule.js';

/** `apt-get dist-clean` (apt 2.7+) removes the lists as well as the downloaded archives. */
function removesLists(commands: ShellCommand[]): boolean {
  return commands.some(
    (command) =>
      ['apt-get', 'apt'].includes(programName(command)) &&
      command.words.slice(1).some((word) => word === 'dist-clean' || word === 'distclean'),
  );
}

export const aptListsLeft: Rule = {
  id: 'apt-lists-left',
  title: 'apt package lists left in the layer',
  why: '`apt-get update` downloads package lists (/var/lib/apt/lists, tens of MB) that stay in the layer unless the same RUN removes them.',
  fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use cache mounts for /var/cache/apt and /var/lib/apt.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    // A builder stage's lists never reach the image; only shipped stages are looked at.
    for (const stage of shippedStages(model)) {
      for (const step of stage.steps) {
        if (step.kind !== 'run') continue;
        // The lists come from `apt-get update`, so that RUN is where they must go.
        const operations = step.commands
          .map(systemPackagesOf)
          .filter((operation) => operation?.manager === 'apt');
        const update = operations.find((operation) => operation?.action === 'update');
        if (!update || step.script.includes('/var/lib/apt') || removesLists(step.commands)) continue;
        const cached = step.mounts.some(
          (mount) =>
            (mount.type === 'cache' || mount.type === 'tmpfs') &&
            (/^\/var\/(lib|cache)\/apt(\/|$)/.test(mount.target ?? '') || (mount.target ?? '').includes('$')),
        );
        if (cached) continue;
        const installs = operations.some((operation) => operation?.action === 'install');
        findings.push({
          severity: 'warning',
          ...at(step),
          message: installs
            ? `${quote(update.command)} leaves /var/lib/apt/lists in this layer: tens of MB shipped that nothing at runtime reads.`
            : `${quote(update.command)} in a RUN of its own leaves /var/lib/apt/lists in this layer, and a later install may use stale lists from the layer cache.`,
          fix: installs
            ? aptListsLeft.fix
            : 'Run apt-get update, apt-get install and rm -rf /var/lib/apt/lists/* in one RUN.',
        });
      }
    }
    return findings;
  },
};

export const aptUpgrade: Rule = {
  id: 'apt-upgrade',
  title: '`apt-get upgrade` in the Dockerfile',
  why: 'The result depends on the day of the build, not on the Dockerfile, and the upgraded packages duplicate base-image files in a new layer.',
  fix: 'Use a newer base image tag (rebuilt upstream with security fixes); pin or --only-upgrade the few packages you need newer.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    // Upgrades in a dev or builder stage do not change what ships.
    for (const stage of shippedStages(model)) {
      for (const step of stage.steps) {
        if (step.kind !== 'run') continue;
        const upgrade = step.commands
          .map(systemPackagesOf)
          .find((operation) => operation?.manager === 'apt' && operation.action === 'upgrade');
        if (!upgrade) continue;
        findings.push({
          severity: 'notice',
          ...at(step),
          message: `${quote(upgrade.command)} makes the image depend on the build date and copies every upgraded package into another layer.`,
        });
      }
    }
    return findings;
  },
};
