// Recognising package installs among the simple commands of a RUN.
import { flagValue, hasFlag, operands, programName, type ShellCommand } from '../dockerfile/shell.js';

export type DependencyTool = 'pip' | 'uv-pip' | 'uv-sync' | 'poetry' | 'pipenv' | 'npm';

/**
 * What an install brings in, which decides whether running it after `COPY . .` wastes time:
 * - deps: third-party dependencies (requirements files, named packages, lockfiles);
 * - project: the project itself, plus its dependencies unless an earlier step installed them;
 * - project-only: the project without dependencies (`pip install --no-deps .`);
 * - tooling: pip/setuptools/uv… themselves, seconds to install.
 */
export type InstallScope = 'deps' | 'project' | 'project-only' | 'tooling';

export interface DependencyInstall {
  tool: DependencyTool;
  scope: InstallScope;
  /** Words after the program, subcommands included, for flag checks. */
  args: string[];
  command: ShellCommand;
}

// pip and `uv pip` options that take a separate value, so their values are not mistaken for packages.
const PIP_VALUE_OPTIONS = new Set([
  '-c',
  '--constraint',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--cache-dir',
  '--trusted-host',
  '--global-option',
  '--config-settings',
  '-C',
  '--log',
  '--timeout',
  '--retries',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--proxy',
  '--upgrade-strategy',
  '--python',
  '-p',
  '--index',
  '--default-index',
  '--index-strategy',
  '--keyring-provider',
  '--resolution',
  '--prerelease',
  '--extra',
  '--group',
  '--overrides',
  '--build-constraints',
  '--link-mode',
  '--compile-bytecode-timeout',
  '--report',
  '--editable',
  '-e',
  '--requirement',
  '-r',
]);

const TOOLING = new Set([
  'pip',
  'setuptools',
  'wheel',
  'uv',
  'poetry',
  'pipenv',
  'virtualenv',
  'pip-tools',
  'build',
  'hatch',
  'pdm',
]);

const PIP_PROGRAM = /^pip(\d+(\.\d+)*)?$/;
const PYTHON_PROGRAM = /^python(\d+(\.\d+)*)?$/;

/** A dependency install by pip, uv, poetry, pipenv or npm/yarn/pnpm; null for anything else. */
export function dependencyInstallOf(command: ShellCommand): DependencyInstall | null {
  const program = programName(command);
  const args = command.words.slice(1);
  if (PIP_PROGRAM.test(program) && args[0] === 'install') return pipInstall('pip', args, command);
  if (PYTHON_PROGRAM.test(program)) {
    const module = args.indexOf('-m');
    if (module !== -1 && args[module + 1] === 'pip' && args[module + 2] === 'install') {
      return pipInstall('pip', args.slice(module + 2), command);
    }
    return null;
  }
  if (program === 'uv') return uvInstall(args, command);
  if (program === 'poetry' && args[0] === 'install') {
    const scope = hasFlag(args, '--no-root')
      ? 'deps'
      : hasFlag(args, '--only-root')
        ? 'project-only'
        : 'project';
    return { tool: 'poetry', scope, args, command };
  }
  if (program === 'pipenv' && (args[0] === 'install' || args[0] === 'sync')) {
    return { tool: 'pipenv', scope: 'deps', args, command };
  }
  return nodeInstall(program, args, command);
}

function pipInstall(tool: 'pip' | 'uv-pip', args: string[], command: ShellCommand): DependencyInstall {
  const install = args.slice(1);
  const requirementFiles = install.some(
    (word) => word === '-r' || word === '--requirement' || /^(-r.|--requirement=)/.test(word),
  );
  const editable = install.flatMap((word, i) =>
    word === '-e' || word === '--editable'
      ? [install[i + 1] ?? '']
      : word.startsWith('--editable=')
        ? [word.slice(11)]
        : [],
  );
  const targets = [...operands(install, PIP_VALUE_OPTIONS), ...editable];
  let scope: InstallScope;
  if (
    requirementFiles ||
    targets.some((target) => !isLocalPath(target) && !TOOLING.has(packageName(target)))
  ) {
    scope = 'deps';
  } else if (targets.some(isLocalPath)) {
    scope = hasFlag(install, '--no-deps') ? 'project-only' : 'project';
  } else {
    scope = 'tooling';
  }
  return { tool, scope, args, command };
}

// uv's global options that take a value and may stand before the subcommand.
const UV_GLOBAL_VALUE_OPTIONS = new Set([
  '--cache-dir',
  '--directory',
  '--project',
  '--config-file',
  '--color',
]);

function uvInstall(args: string[], command: ShellCommand): DependencyInstall | null {
  const subcommand = operands(args, UV_GLOBAL_VALUE_OPTIONS);
  if (subcommand[0] === 'pip' && subcommand[1] === 'install') {
    const at = args.indexOf('install');
    return { ...pipInstall('uv-pip', args.slice(at), command), args };
  }
  if (subcommand[0] !== 'sync') return null;
  const scope = hasFlag(args, '--no-install-project') ? 'deps' : 'project';
  return { tool: 'uv-sync', scope, args, command };
}

function nodeInstall(program: string, args: string[], command: ShellCommand): DependencyInstall | null {
  const [subcommand, ...rest] = args;
  const bare = operands(rest, new Set()).length === 0 && !hasFlag(rest, '-g', '--global');
  const installs =
    (program === 'npm' &&
      (subcommand === 'ci' || ((subcommand === 'install' || subcommand === 'i') && bare))) ||
    (program === 'yarn' && (subcommand === undefined || (subcommand === 'install' && bare))) ||
    (program === 'pnpm' && (subcommand === 'install' || subcommand === 'i') && bare);
  return installs ? { tool: 'npm', scope: 'deps', args, command } : null;
}

/** `.`, `./pkg`, `/src`, `.[dev]`, `dist/app.whl`, `file:///x`: the project, not an index package. */
function isLocalPath(target: string): boolean {
  if (target.startsWith('$')) return false;
  return /^(\.|\/|~|file:)/.test(target) || (!target.includes('://') && target.includes('/'));
}

/** `Flask[async]==3.0` → `flask`. */
function packageName(target: string): string {
  return (target.split(/[[<>=!~;@ ]/)[0] ?? '').toLowerCase();
}

export interface SystemPackages {
  manager: 'apt' | 'apk' | 'dnf';
  action: 'update' | 'install' | 'upgrade' | 'remove';
  packages: string[];
  command: ShellCommand;
}

const APT_VALUE_OPTIONS = new Set(['-o', '-t', '--target-release', '-c', '--config-file']);
const APK_VALUE_OPTIONS = new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p', '--arch']);
const DNF_VALUE_OPTIONS = new Set(['--releasever', '--installroot', '-c', '--config']);

/** apt-get/apt, apk and dnf/yum/microdnf package operations. */
export function systemPackagesOf(command: ShellCommand): SystemPackages | null {
  const program = programName(command);
  const args = command.words.slice(1);
  if (program === 'apt-get' || program === 'apt' || program === 'aptitude') {
    const [verb, ...packages] = operands(args, APT_VALUE_OPTIONS);
    const action = aptAction(verb);
    return action ? { manager: 'apt', action, packages, command } : null;
  }
  if (program === 'apk') {
    const [verb, ...packages] = operands(args, APK_VALUE_OPTIONS);
    const action =
      verb === 'add' ? 'install' : verb === 'del' ? 'remove' : verb === 'upgrade' ? 'upgrade' : null;
    const virtual = flagValue(args, '-t', '--virtual');
    if (action === null) return null;
    return { manager: 'apk', action, packages: virtual ? packages.concat(virtual) : packages, command };
  }
  if (program === 'dnf' || program === 'yum' || program === 'microdnf') {
    const [verb, ...packages] = operands(args, DNF_VALUE_OPTIONS);
    const action = verb === 'install' ? 'install' : verb === 'remove' || verb === 'erase' ? 'remove' : null;
    return action ? { manager: 'dnf', action, packages, command } : null;
  }
  return null;
}

function aptAction(verb: string | undefined): SystemPackages['action'] | null {
  if (verb === 'update') return 'update';
  if (verb === 'install') return 'install';
  if (verb === 'upgrade' || verb === 'dist-upgrade' || verb === 'full-upgrade') return 'upgrade';
  if (verb === 'remove' || verb === 'purge' || verb === 'autoremove') return 'remove';
  return null;
}
