import { systemPackagesOf } from '../installs.js';
import { shippedStages } from '../../dockerfile/model.js';
import { hasFlag, operands, programName } from '../../dockerfile/shell.js';
import { at, quote, type Rule, type RuleFinding } from './rule.js';

export const apkCache: Rule = {
  id: 'apk-cache',
  title: 'apk package index and cache left in the layer',
  why: '`apk add` or `apk update` without --no-cache keeps the package index (and downloads) under /var/cache/apk, shipped in the image.',
  fix: 'apk add --no-cache <packages> (no apk update needed), or a cache mount on /var/cache/apk.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const stage of shippedStages(model)) {
      for (const step of stage.steps) {
        if (step.kind !== 'run') continue;
        const cached = step.mounts.some(
          (mount) =>
            (mount.type === 'cache' || mount.type === 'tmpfs') &&
            (/^\/(var\/cache\/apk|etc\/apk\/cache)\/?$/.test(mount.target ?? '') ||
              (mount.target ?? '').includes('$')),
        );
        const cleaned = step.commands.some(
          (command) =>
            (programName(command) === 'rm' &&
              operands(command.words.slice(1), new Set()).some((path) =>
                /^\/(var\/cache\/apk|etc\/apk\/cache)(\/\*?)?$/.test(path),
              )) ||
            (programName(command) === 'apk' &&
              command.words.includes('cache') &&
              command.words.includes('clean')),
        );
        if (cached || cleaned) continue;
        const writer = step.commands.find((command) => {
          if (programName(command) !== 'apk' || hasFlag(command.words, '--no-cache')) return false;
          const operation = systemPackagesOf(command);
          const verb = operands(
            command.words.slice(1),
            new Set(['-t', '--virtual', '-X', '--repository']),
          )[0];
          return operation?.action === 'install' || verb === 'update';
        });
        if (!writer) continue;
        findings.push({
          severity: 'warning',
          ...at(step),
          message: `${quote(writer)} leaves the apk index in /var/cache/apk in this layer, shipped in the image.`,
        });
      }
    }
    return findings;
  },
};
