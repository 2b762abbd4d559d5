import { systemPackagesOf } from '../installs.js';
import { shippedStages } from '../../dockerfile/model.js';
import { hasFlag, programName, type ShellCommand } from '../../dockerfile/shell.js';
import { at, quote, type Rule, type RuleFinding } from './rule.js';

/** `-o APT::Install-Recommends=false` (or `=0`) on the command line. */
function turnsRecommendsOff(command: ShellCommand): boolean {
  return command.words.some((word) => /^(-o)?APT::Install-Recommends[= ]("?)(false|0)\2$/i.test(word));
}

/** An `APT::Install-Recommends "false";` written to apt.conf.d (or any file: we look at the script text). */
function configuresRecommendsOff(script: string): boolean {
  return /APT::Install-Recommends\s*\\?["']?\s*(false|0)/i.test(script);
}

/**
 * `apt-get purge --auto-remove -o APT::AutoRemove::RecommendsImportant=false` (or `autoremove` with it)
 * later in the same RUN takes the recommended packages out again before the layer is written.
 */
function purgesRecommends(commands: readonly ShellCommand[], after: ShellCommand): boolean {
  return commands.slice(commands.indexOf(after) + 1).some((command) => {
    const operation = systemPackagesOf(command);
    if (operation?.manager !== 'apt' || operation.action !== 'remove') return false;
    const autoRemoves = command.words.some(
      (word) => word === 'autoremove' || word === '--auto-remove' || word === '--autoremove',
    );
    return (
      autoRemoves &&
      command.words.some((word) => /^(-o)?APT::AutoRemove::RecommendsImportant=("?)(false|0)\2$/i.test(word))
    );
  });
}

export const aptNoInstallRecommends: Rule = {
  id: 'apt-no-install-recommends',
  title: 'apt installs recommended packages too',
  why: 'Without --no-install-recommends apt also installs every recommended package: often tens to hundreds of MB the image never uses.',
  fix: 'apt-get install -y --no-install-recommends <packages>, adding back the few recommended packages you need by name.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    let configuredOff = false;
    // Builder stages never ship, so extra packages there cost only build time: only shipped stages count.
    for (const stage of shippedStages(model)) {
      for (const step of stage.steps) {
        if (step.kind !== 'run') continue;
        const install = step.commands.find((command) => {
          const operation = systemPackagesOf(command);
          return (
            operation?.manager === 'apt' &&
            operation.action === 'install' &&
            ['apt-get', 'apt'].includes(programName(command)) &&
            operation.packages.length > 0 &&
            !hasFlag(command.words, '--no-install-recommends') &&
            !turnsRecommendsOff(command) &&
            !hasFlag(command.words, '--only-upgrade')
          );
        });
        if (
          install &&
          !configuredOff &&
          !configuresRecommendsOff(step.script) &&
          !purgesRecommends(step.commands, install)
        ) {
          findings.push({
            severity: 'warning',
            ...at(step),
            message: `${quote(install)} installs every recommended package as well, in a stage that ships.`,
          });
        }
        if (configuresRecommendsOff(step.script)) configuredOff = true;
      }
    }
    return findings;
  },
};
