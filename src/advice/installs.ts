// Recognising package installs among the simple commands of a RUN.
import { joinPath, stageChain, type RunStep, type Stage, type StepContext } from '../dockerfile/model.js';
import {
  expandedWords,
  flagValue,
  hasFlag,
  operands,
  programName,
  type ShellCommand,
} from '../dockerfile/shell.js';

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
  /** `pip install flask gunicorn`: packages named on the command line, no requirements file, lockfile or project. */
  namedPackagesOnly?: boolean;
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
  '-w',
  '--wheel-dir',
  '-d',
  '--dest',
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

// pip's general options that take a value, which may stand before the subcommand (`pip --cache-dir /c install`).
const PIP_GENERAL_VALUE_OPTIONS = new Set([
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--python',
  '--use-feature',
  '--use-deprecated',
  '--progress-bar',
  '--keyring-provider',
]);
// Subcommands that download and build the dependencies they are given: `pip wheel -r` is an install for our purposes.
const PIP_INSTALLING = new Set(['install', 'wheel', 'download']);

/**
 * `pip [general options] install|wheel|download …` → the words from the subcommand on, general options
 * moved after it (flag checks do not care where they stand); null for any other pip command.
 */
function pipSubcommand(args: string[]): string[] | null {
  let at = 0;
  while (args[at]?.startsWith('-')) at += PIP_GENERAL_VALUE_OPTIONS.has(args[at] as string) ? 2 : 1;
  const subcommand = args[at];
  return subcommand !== undefined && PIP_INSTALLING.has(subcommand)
    ? [subcommand, ...args.slice(0, at), ...args.slice(at + 1)]
    : null;
}

/** A dependency install by pip, uv, poetry, pipenv or npm/yarn/pnpm; null for anything else. */
export function dependencyInstallOf(command: ShellCommand): DependencyInstall | null {
  const program = programName(command);
  const args = command.words.slice(1);
  if (PIP_PROGRAM.test(program)) {
    const pip = pipSubcommand(args);
    return pip ? pipInstall('pip', pip, command) : null;
  }
  if (PYTHON_PROGRAM.test(program)) {
    // `python -m pip install` and the joined `python -mpip install`.
    const joined = args.indexOf('-mpip');
    const module = joined !== -1 ? joined : args.indexOf('-m');
    const rest = joined !== -1 ? args.slice(joined + 1) : module !== -1 ? args.slice(module + 2) : [];
    const pip = module !== -1 && (joined !== -1 || args[module + 1] === 'pip') ? pipSubcommand(rest) : null;
    return pip ? pipInstall('pip', pip, command) : null;
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
  const namedPackagesOnly = !requirementFiles && !targets.some(isLocalPath);
  return { tool, scope, args, command, namedPackagesOnly };
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

// npm, yarn and pnpm options that take a separate value, so `--network-timeout 1000000` names no package.
const NODE_VALUE_OPTIONS = new Set([
  '--network-timeout',
  '--network-concurrency',
  '--child-concurrency',
  '--mutex',
  '--cache-folder',
  '--modules-folder',
  '--global-folder',
  '--cache',
  '--registry',
  '--cwd',
  '--prefix',
  '-C',
  '--dir',
  '--filter',
  '-F',
  '--loglevel',
  '--omit',
  '--include',
  '--workspace',
  '-w',
  '--fetch-retries',
  '--fetch-timeout',
  '--store-dir',
  '--virtual-store-dir',
  '--reporter',
]);

/** Operands of a node package manager's install, where a number after an option is that option's value. */
function nodeOperands(words: string[]): string[] {
  return operands(words, NODE_VALUE_OPTIONS).filter(
    (word) => !(/^\d+$/.test(word) && words[words.indexOf(word) - 1]?.startsWith('-')),
  );
}

function nodeInstall(program: string, args: string[], command: ShellCommand): DependencyInstall | null {
  // `yarn --frozen-lockfile` is `yarn install --frozen-lockfile`.
  const optionsOnly = program === 'yarn' && args[0]?.startsWith('-') === true;
  const subcommand = optionsOnly ? undefined : args[0];
  const rest = optionsOnly ? args : args.slice(1);
  const bare = nodeOperands(rest).length === 0 && !hasFlag(rest, '-g', '--global');
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

/**
 * The download cache directory a pip or uv install leaves in its RUN's layer, with `~` standing for a
 * home we do not know; null when it leaves none: the cache is turned off, mounted, removed in the same
 * RUN, or nothing is downloaded (`--no-index` with local wheels only).
 */
export function downloadCacheLeftBy(
  install: DependencyInstall,
  step: RunStep,
  context: Pick<StepContext, 'env' | 'home'>,
): string | null {
  const cacheDir = downloadCacheDir(install, context);
  if (cacheDir === null) return null;
  const env = new Map([...context.env, ...Object.entries(install.command.env)]);
  const tool = install.tool === 'pip' ? 'pip' : 'uv';
  const mounted = step.mounts.some((mount) => {
    if ((mount.type !== 'cache' && mount.type !== 'tmpfs') || !mount.target) return false;
    const target = normalize(expand(mount.target, env));
    // A target we cannot resolve may well be the cache: silence beats a finding on a mount we misread.
    if (target.includes('$')) return true;
    // Any home's ~/.cache, or a target naming the tool: likely the cache, and a wrong guess only costs a miss.
    if (target.endsWith('/.cache') || target.endsWith(`/.cache/${tool}`) || target.includes(tool))
      return true;
    return isUnder(cacheDir, target);
  });
  const home = env.get('HOME') ?? context.home ?? '~';
  if (mounted || cleansCacheInSameRun(step, tool, cacheDir, new Map([...env, ['HOME', home]]))) return null;
  return cacheDir;
}

/**
 * Where a pip or uv install keeps its download cache for the step's user and environment, with `~`
 * for a home we do not know; null when it uses none (turned off, or `--no-index` with local wheels: nothing downloaded).
 */
export function downloadCacheDir(
  install: DependencyInstall,
  context: Pick<StepContext, 'env' | 'home'>,
): string | null {
  if (install.tool !== 'pip' && install.tool !== 'uv-pip' && install.tool !== 'uv-sync') return null;
  const env = new Map([...context.env, ...Object.entries(install.command.env)]);
  const uv = install.tool !== 'pip';
  // uv takes --no-cache-dir as an alias of --no-cache; pip takes any unambiguous prefix of --no-cache-dir.
  if (uv && (hasFlag(install.args, '--no-cache', '-n', '--no-cache-dir') || env.has('UV_NO_CACHE'))) {
    return null;
  }
  if (!uv && (install.args.some((word) => word.startsWith('--no-cache')) || env.has('PIP_NO_CACHE_DIR'))) {
    return null;
  }
  if (
    install.args.includes('--offline') ||
    (install.args.includes('--no-index') && !findsLinksOverHttp(install.args))
  ) {
    return null;
  }
  const tool = uv ? 'uv' : 'pip';
  const home = env.get('HOME') ?? context.home ?? '~';
  const xdg = env.get('XDG_CACHE_HOME');
  return normalize(
    expand(
      flagValue(install.args, '--cache-dir') ??
        env.get(uv ? 'UV_CACHE_DIR' : 'PIP_CACHE_DIR') ??
        (xdg === undefined ? `${home}/.cache/${tool}` : `${xdg}/${tool}`),
      env,
    ),
  );
}

/** `--no-index -f http://host/wheels/`: wheels still come over HTTP, and pip caches the downloads. */
function findsLinksOverHttp(args: string[]): boolean {
  return args.some(
    (word, i) =>
      /^(--find-links=|-f)https?:\/\//.test(word) ||
      (/^https?:\/\//.test(word) && ['-f', '--find-links'].includes(args[i - 1] ?? '')),
  );
}

/** `path` is `dir` or inside it. */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** `pip cache purge`, `uv cache clean`, or an rm of the cache directory (or a parent of it) in the same RUN. */
function cleansCacheInSameRun(
  step: RunStep,
  tool: 'pip' | 'uv',
  cacheDir: string,
  env: ReadonlyMap<string, string>,
): boolean {
  return step.commands.some((command) => {
    const program = programName(command);
    const [first, second] = command.words.slice(1);
    if (program === tool && first === 'cache' && (second === 'purge' || second === 'clean')) return true;
    if (program !== 'rm') return false;
    const words = expandedWords(command, env) ?? command.words;
    return operands(words.slice(1), new Set()).some((word) => {
      const removed = normalize(word.replace(/^~(?=\/|$)/, env.get('HOME') ?? '~').replace(/\/\*$/, ''));
      return removed === cacheDir || cacheDir.startsWith(`${removed}/`) || removed.startsWith(`${cacheDir}/`);
    });
  });
}

/** `$PIP_CACHE_DIR` in a path, from the step's ENV/ARG values. */
export function expand(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
    (variable, name: string) => env.get(name) ?? variable,
  );
}

export function normalize(path: string): string {
  return path.startsWith('/') ? joinPath('/', path) : path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/** The stage, or one it is built on, installs Python dependencies (`pip wheel` builds them). */
export function installsPythonDependencies(stage: Stage): boolean {
  return stageChain(stage).some((link) =>
    link.steps.some(
      (step) =>
        step.kind === 'run' &&
        step.commands.some((command) => {
          const install = dependencyInstallOf(command);
          if (install)
            return install.tool !== 'npm' && (install.scope === 'deps' || install.scope === 'project');
          return PIP_PROGRAM.test(programName(command)) && command.words[1] === 'wheel';
        }),
    ),
  );
}

/** A builder stage that installs the Python packages a shipped stage copies: the build compiles there. */
export function pythonBuilderStage(stages: readonly Stage[]): Stage | null {
  return stages.find((stage) => stage.role === 'builder' && installsPythonDependencies(stage)) ?? null;
}

/**
 * The system packages a RUN installs and does not remove in the same RUN. A removal counts when it
 * names the package, the apk `--virtual` group it came in, or the same variable; a bare
 * `apt-get autoremove` or `purge --auto-remove` names nothing and removes nothing we know of.
 */
export function packagesKeptBy(
  step: RunStep,
  env: ReadonlyMap<string, string>,
): { installed: string[]; kept: string[] } {
  const installed: { packages: string[]; group: string | null }[] = [];
  const removed = new Set<string>();
  for (const command of step.commands) {
    const words = expandedWords(command, env);
    const operation = systemPackagesOf(words === null ? command : { ...command, words });
    if (!operation) continue;
    if (operation.action === 'remove') for (const word of operation.packages) removed.add(bareName(word));
    if (operation.action !== 'install') continue;
    const group =
      operation.manager === 'apk' ? (flagValue(operation.command.words, '-t', '--virtual') ?? null) : null;
    installed.push({ packages: operation.packages.filter((word) => word !== group), group });
  }
  const kept = installed
    .filter(({ group }) => group === null || !removed.has(group))
    .flatMap(({ packages }) => packages)
    .filter((word) => !removed.has(bareName(word)));
  return { installed: installed.flatMap(({ packages }) => packages), kept };
}

/** `libpq-dev=15.4-1`, `gcc:amd64` → the bare package name. */
export function bareName(word: string): string {
  return word.replace(/[=:].*$/, '');
}
