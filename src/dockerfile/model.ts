// The Dockerfile, read once per run and shared by the dependency cache, the layer-cache check and
// the advice: stages of steps, each step already read (shell commands, mounts, copy sources,
// variables), ARGs resolved with the build args over their defaults, and the inline
// `# dfb-ignore` comments attached.
import { Add, Arg, Copy, DockerfileParser, Env, From, Run, type Instruction } from 'dockerfile-ast';
import { parseImageRef, substituteArgs, type ImageRef } from './image-ref.js';
import { parseShellScript, programName, type ShellCommand } from './shell.js';

/** 1-based, inclusive. */
export interface Span {
  line: number;
  endLine: number;
}

export interface Mount {
  /** BuildKit's default is 'bind'. */
  type: string;
  target: string | null;
  /** `id=`; null when BuildKit uses the target. */
  id: string | null;
  /** `source=`/`src=`; null when absent (a bind mount then binds the whole context). */
  source: string | null;
  /** `from=`: a stage or image instead of the build context. */
  from: string | null;
  /** Cache mounts: `sharing=`, `uid=`, `gid=`, `mode=` as written; null when absent. */
  sharing: string | null;
  uid: string | null;
  gid: string | null;
  mode: string | null;
}

export interface RunStep extends Span {
  kind: 'run';
  commands: ShellCommand[];
  /** The shell text the commands came from, for rules that look for a path anywhere in it. */
  script: string;
  mounts: Mount[];
}

export interface CopyStep extends Span {
  kind: 'copy';
  keyword: 'COPY' | 'ADD';
  sources: string[];
  destination: string | null;
  /** `--from=` value, lower-cased; null when copying from the build context. */
  from: string | null;
  flags: ReadonlyMap<string, string | null>;
  /** `COPY <<EOF /path`: the sources are inline text, not context files. */
  heredoc: boolean;
}

export interface Variable {
  name: string;
  /** Null when declared without a value (`ARG TOKEN`). */
  value: string | null;
}

export interface VariablesStep extends Span {
  kind: 'variables';
  keyword: 'ENV' | 'ARG';
  variables: Variable[];
}

export interface OtherStep extends Span {
  kind: 'other';
  keyword: string;
  /** The arguments as written, e.g. the user of USER. */
  argument: string;
}

export type Step = RunStep | CopyStep | VariablesStep | OtherStep;

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased as Docker compares it. */
  name: string | null;
  from: Span;
  /** The image argument as written, e.g. '${BASE}'. */
  imageText: string;
  /** After ARG substitution (build args over defaults); null when a variable has no value. */
  resolvedImage: string | null;
  /** A registry image; null for scratch, earlier stages and unresolved ARGs. */
  image: ImageRef | null;
  /** The earlier stage this one is built on (`FROM builder`). */
  parent: Stage | null;
  steps: Step[];
  /** Earlier stages this one copies from (`COPY --from=<stage>`) or mounts (`RUN --mount=from=<stage>`). */
  copiesFrom: Stage[];
  role: StageRole;
}

/**
 * What a stage is to the image the build produces (the `target`, else the last stage):
 * - shipped: its layers are the image's (the final stage and the stages it is built FROM);
 * - builder: only what a shipped stage copies or mounts out of it reaches the image;
 * - unused: the build does not need it (a dev or test stage built with another --target).
 */
export type StageRole = 'shipped' | 'builder' | 'unused';

export interface DockerfileModel {
  /** The text's lines, for readers that hash or quote what an instruction spans. */
  lines: readonly string[];
  /** ARGs before the first FROM. */
  globalArgs: VariablesStep[];
  /** The global ARGs' values (build args over defaults), which a stage's bare `ARG NAME` takes over. */
  globalArgValues: ReadonlyMap<string, string | null>;
  /** The build args given (`--build-arg`), which override the default of any ARG they name, in a stage too. */
  buildArgValues: ReadonlyMap<string, string>;
  stages: Stage[];
  /** The stage the build produces: the `target` when it names one, else the last stage. */
  finalStage: Stage | null;
  /** Rule ids silenced by `# dfb-ignore` comments for the instruction covering (or next after) a line. */
  silencedAt(line: number): ReadonlySet<string>;
  /** Why only part of the Dockerfile was analysed (see MAX_DOCKERFILE_BYTES); undefined when all of it was. */
  limitedBy?: string;
}

/**
 * Bounds on the analysis, far above any hand-written Dockerfile: the file is the repository's (a
 * pull request's, perhaps) and the advice, the cache plan and the fingerprints must not take
 * minutes on a hostile one. Past them the build goes on; what is left out is not analysed.
 */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;
export const MAX_INSTRUCTIONS = 1000;
export const MAX_COMMANDS_PER_RUN = 500;

type Range = ReturnType<Instruction['getRange']>;

const IGNORE_COMMENT = /^#\s*dfb-ignore\s+(\S.*)$/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
const NOTHING: ReadonlySet<string> = new Set();

export interface ParseOptions {
  /** The stage built (`--target`); the last stage when absent or not a stage name. */
  target?: string;
  /** BuildKit's automatic platform ARGs known before the build (see platform-args.ts), in the global scope. */
  platformArgs?: ReadonlyMap<string, string>;
}

/** `buildArgs` (KEY=value, as `--build-arg` takes them) override the defaults of the ARGs they name, global or in a stage. */
export function parseDockerfile(
  text: string,
  buildArgs: readonly string[] = [],
  options: ParseOptions = {},
): DockerfileModel {
  const tooLarge = text.length > MAX_DOCKERFILE_BYTES;
  const analysed = tooLarge ? '' : text;
  const dockerfile = DockerfileParser.parse(analysed);
  const lines = analysed.split(/\r?\n/);
  const allInstructions = dockerfile.getInstructions();
  const instructions = allInstructions.slice(0, MAX_INSTRUCTIONS);
  const limitedBy = tooLarge
    ? `the Dockerfile is larger than ${MAX_DOCKERFILE_BYTES / 1024} kB`
    : allInstructions.length > MAX_INSTRUCTIONS
      ? `only its first ${MAX_INSTRUCTIONS} instructions are analysed`
      : undefined;
  const globalArgs: VariablesStep[] = [];
  // BuildKit defines its platform ARGs in the global scope: FROM sees them, a stage by `ARG NAME`.
  const argValues = new Map<string, string | null>(options.platformArgs ?? []);
  const stages: Stage[] = [];
  const overrides = buildArgValues(buildArgs);

  for (const instruction of instructions) {
    const span = spanOf(instruction.getRange());
    const current = stages[stages.length - 1];
    if (instruction instanceof From) {
      stages.push(readStage(instruction, span, stages, argValues));
    } else if (current) {
      current.steps.push(readStep(instruction, span, lines));
    } else if (instruction instanceof Arg) {
      const step = readVariables(instruction, span, 'ARG');
      globalArgs.push(step);
      for (const { name, value } of step.variables) {
        const given = overrides.get(name);
        const declared = value === null ? (argValues.get(name) ?? null) : substituteArgs(value, argValues);
        argValues.set(name, given ?? declared);
      }
    }
  }

  for (const stage of stages) stage.copiesFrom = stagesCopiedFrom(stage, stages);
  const target = options.target?.trim().toLowerCase();
  const finalStage =
    (target ? stages.find((stage) => stage.name === target) : undefined) ?? stages[stages.length - 1] ?? null;
  markRoles(finalStage);

  const silenced = inlineIgnores(instructions, lines);
  const spans = instructions.map((instruction) => spanOf(instruction.getRange()));
  return {
    lines,
    globalArgs,
    globalArgValues: argValues,
    buildArgValues: overrides,
    stages,
    finalStage,
    silencedAt(line) {
      const covering = spans.find((span) => span.endLine >= line);
      return covering ? (silenced.get(covering.line) ?? NOTHING) : NOTHING;
    },
    ...(limitedBy !== undefined && { limitedBy }),
  };
}

/** A build arg's value is taken literally, as BuildKit does; the last of repeated names wins. */
function buildArgValues(buildArgs: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of buildArgs) {
    const at = pair.indexOf('=');
    if (at > 0) values.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return values;
}

/** The image a stage's chain starts from (following `FROM <earlier stage>`); null for scratch or an unresolved name. */
export function rootImage(stage: Stage): string | null {
  const root = stageChain(stage)[0] ?? stage;
  const image = root.resolvedImage;
  return image && image.toLowerCase() !== 'scratch' ? image : null;
}

/**
 * The stages whose layers are the image's: the final stage (the `target` when given, else the last)
 * and those it is built FROM, oldest first. Every rule about what ships takes its scope from here.
 */
export function shippedStages(model: DockerfileModel): Stage[] {
  return model.finalStage ? stageChain(model.finalStage) : [];
}

/** The stages whose layers lie under `stage`, oldest first, ending with `stage` itself. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | null = stage; current; current = current.parent) chain.push(current);
  return chain.reverse();
}

export interface StepContext {
  step: Step;
  /** ENV and ARG values in force when the step runs; a bare `ARG NAME` takes the global ARG's value. */
  env: ReadonlyMap<string, string>;
  /** The USER in force, without its group; null for root or no USER line (the base image's, usually root). */
  user: string | null;
  /** The working directory, absolute; null when a variable in it has no known value. */
  workdir: string | null;
  /** `user`'s home: ENV HOME, what an earlier useradd/adduser gave it, /root for root; null when unknown. */
  home: string | null;
}

/** What a step inherits from the steps before it: the fields of StepContext but the step, and the accounts made. */
interface Inherited {
  env: Map<string, string>;
  homes: Map<string, string | null>;
  user: string | null;
  workdir: string | null;
}

/** What each stage leaves to a stage built `FROM` it; worked out once per stage, not once per descendant. */
const inheritedAfter = new WeakMap<Stage, Inherited>();

function copyOf(state: Inherited): Inherited {
  return { ...state, env: new Map(state.env), homes: new Map(state.homes) };
}

/** The state a stage starts from: its parent's end, the defaults for an image. */
function inheritedBy(model: DockerfileModel, stage: Stage): Inherited {
  // Up to the nearest ancestor already worked out, then down again, so a long chain of stages costs one pass.
  const pending: Stage[] = [];
  let current = stage.parent;
  let state: Inherited | undefined;
  while (current && !(state = inheritedAfter.get(current))) {
    pending.push(current);
    current = current.parent;
  }
  let working = state ? copyOf(state) : { env: new Map(), homes: new Map(), user: null, workdir: '/' };
  for (const ancestor of pending.reverse()) {
    for (const step of ancestor.steps) working = applyStep(model, step, working);
    inheritedAfter.set(ancestor, copyOf(working));
  }
  return working;
}

/** Each step of `stage` with what it inherits, through `FROM <earlier stage>` too. */
export function* stepsInContext(model: DockerfileModel, stage: Stage): Generator<StepContext> {
  let state = inheritedBy(model, stage);
  for (const step of stage.steps) {
    const { env, user, workdir, homes } = state;
    const home = env.get('HOME') ?? (user === null ? '/root' : (homes.get(user) ?? null));
    yield { step, env: new Map(env), user, workdir, home };
    state = applyStep(model, step, state);
  }
}

/** The state after `step`; `state` is updated in place. */
function applyStep(model: DockerfileModel, step: Step, state: Inherited): Inherited {
  const { env, homes } = state;
  if (step.kind === 'run') {
    for (const command of step.commands) {
      const account = accountCreatedBy(command);
      if (account) for (const name of account.names) homes.set(name, account.home);
    }
  } else if (step.kind === 'other' && step.keyword === 'USER') {
    const name = substituteArgs(step.argument.trim(), env)?.split(':')[0] ?? step.argument.trim();
    state.user = /^(root|0)$/.test(name) ? null : name;
  } else if (step.kind === 'other' && step.keyword === 'WORKDIR') {
    const dir = substituteArgs(step.argument.trim().replace(/^(["'])(.*)\1$/, '$2'), env);
    const { workdir } = state;
    state.workdir =
      dir === null ? null : dir.startsWith('/') ? normalizePath(dir) : workdir && joinPath(workdir, dir);
  } else if (step.kind === 'variables') {
    for (const { name, value } of step.variables) {
      // A build arg is taken literally, as BuildKit takes it; a default is expanded.
      const literal = step.keyword === 'ARG' ? model.buildArgValues.get(name) : undefined;
      if (literal !== undefined) {
        env.set(name, literal);
        continue;
      }
      const given = value ?? (step.keyword === 'ARG' ? model.globalArgValues.get(name) : null);
      if (given !== null && given !== undefined) env.set(name, substituteArgs(given, env) ?? given);
    }
  }
  return state;
}

/** `useradd -m -d /srv/app -u 1000 app` → names ['app', '1000'], home '/srv/app'. */
function accountCreatedBy(command: ShellCommand): { names: string[]; home: string | null } | null {
  const program = programName(command);
  if (program !== 'useradd' && program !== 'adduser') return null;
  const words = command.words.slice(1);
  const valueOptions =
    program === 'useradd'
      ? [
          '-d',
          '--home-dir',
          '-u',
          '--uid',
          '-g',
          '--gid',
          '-G',
          '--groups',
          '-s',
          '--shell',
          '-c',
          '--comment',
          '-k',
          '-K',
          '-e',
          '-f',
          '-b',
          '--base-dir',
        ]
      : ['--home', '-h', '--uid', '-u', '--gid', '-G', '--ingroup', '--shell', '-s', '--gecos', '-g'];
  let home: string | null = null;
  let uid: string | null = null;
  let system = false;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const [flag, inline] =
      word.startsWith('--') && word.includes('=')
        ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]
        : [word, undefined];
    if (valueOptions.includes(flag)) {
      const value = inline ?? words[++i] ?? '';
      if (['-d', '--home-dir', '--home'].includes(flag) || (program === 'adduser' && flag === '-h'))
        home = value;
      if (flag === '-u' || flag === '--uid') uid = value;
    } else if (word.startsWith('-')) {
      if (word === '--system' || word === '-r' || word === '-S') system = true;
    } else {
      rest.push(word);
    }
  }
  const name = rest[rest.length - 1];
  if (name === undefined || name.includes('$')) return null;
  // Debian's adduser gives system users /nonexistent; useradd always records /home/<name>.
  home ??= program === 'adduser' && system ? null : `/home/${name}`;
  return { names: uid ? [name, uid] : [name], home: home === null ? null : normalizePath(home) };
}

/** `/app/` + `../x` → `/x`; `.` and `..` resolved, slashes collapsed. */
export function joinPath(base: string, relative: string): string {
  return normalizePath(relative.startsWith('/') ? relative : `${base}/${relative}`);
}

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isWholeContextCopy(step: Step): step is CopyStep {
  return (
    step.kind === 'copy' &&
    step.from === null &&
    !step.heredoc &&
    step.sources.some((source) => ['.', './', '*', './*'].includes(source))
  );
}

/** `COPY --from=builder`, `--from=0`, `RUN --mount=from=builder`: the earlier stages named (images are not stages). */
function stagesCopiedFrom(stage: Stage, stages: Stage[]): Stage[] {
  const references = stage.steps.flatMap((step) =>
    step.kind === 'copy' && step.from !== null
      ? [step.from]
      : step.kind === 'run'
        ? step.mounts.flatMap((mount) => (mount.from === null ? [] : [mount.from.toLowerCase()]))
        : [],
  );
  const found = new Set<Stage>();
  for (const reference of references) {
    const named = stageNamed(stages, reference, stage);
    if (named) found.add(named);
  }
  return [...found];
}

/** The stage `--from=<reference>` names from inside `at`: an earlier stage, by name or index; null for an image. */
export function stageNamed(stages: readonly Stage[], reference: string, at: Stage): Stage | null {
  const lowered = reference.toLowerCase();
  return (
    stages.find(
      (other) =>
        other.index < at.index &&
        (other.name === lowered || (/^\d+$/.test(lowered) && other.index === Number(lowered))),
    ) ?? null
  );
}

/** Shipped: the final stage and its FROM chain; builders: whatever those copy from, and so on. */
function markRoles(finalStage: Stage | null): void {
  if (!finalStage) return;
  const shipped = stageChain(finalStage);
  for (const stage of shipped) stage.role = 'shipped';
  const pending = shipped.flatMap((stage) => stage.copiesFrom);
  for (let stage = pending.pop(); stage; stage = pending.pop()) {
    for (const link of stageChain(stage)) {
      if (link.role !== 'unused') continue;
      link.role = 'builder';
      pending.push(...link.copiesFrom);
    }
  }
}

function spanOf(range: Range): Span {
  return { line: range.start.line + 1, endLine: range.end.line + 1 };
}

function readStage(from: From, span: Span, earlier: Stage[], argValues: Map<string, string | null>): Stage {
  const imageText = from.getArguments()[0]?.getValue() ?? '';
  const resolvedImage = substituteArgs(imageText, argValues);
  const lowered = resolvedImage?.toLowerCase() ?? null;
  const parent = earlier.find((stage) => stage.name !== null && stage.name === lowered) ?? null;
  const isImage = lowered !== null && lowered !== 'scratch' && parent === null;
  return {
    index: earlier.length,
    name: from.getBuildStage()?.toLowerCase() ?? null,
    from: span,
    imageText,
    resolvedImage,
    image: isImage ? parseImageRef(resolvedImage as string) : null,
    parent,
    steps: [],
    copiesFrom: [],
    role: 'unused',
  };
}

function readStep(instruction: Instruction, span: Span, lines: string[]): Step {
  if (instruction instanceof Run) return readRun(instruction, span, lines);
  if (instruction instanceof Copy || instruction instanceof Add) return readCopy(instruction, span);
  if (instruction instanceof Env) return readVariables(instruction, span, 'ENV');
  if (instruction instanceof Arg) return readVariables(instruction, span, 'ARG');
  return {
    kind: 'other',
    keyword: instruction.getKeyword(),
    argument: instruction.getArgumentsContent() ?? '',
    ...span,
  };
}

function readRun(run: Run, span: Span, lines: string[]): RunStep {
  const mounts = run
    .getFlags()
    .filter((flag) => flag.getName() === 'mount')
    .map((flag) => readMount(flag.getValue() ?? ''));
  const script = runScript(run, lines);
  const commands = script.commands.slice(0, MAX_COMMANDS_PER_RUN);
  return { kind: 'run', commands, script: script.text, mounts, ...span };
}

/**
 * A `--mount=` value as BuildKit reads it: first as one shell word (quotes removed, so
 * `target="/root/.cache"` and `--mount="type=cache,…"` both work), then as one CSV record of
 * `key=value` fields. An unclosed quote runs to the end rather than losing the mount.
 */
export function readMount(value: string): Mount {
  const options = new Map<string, string>();
  for (const field of csvFields(shellWord(value))) {
    const at = field.indexOf('=');
    const key = (at === -1 ? field : field.slice(0, at)).trim().toLowerCase();
    if (key) options.set(key, at === -1 ? '' : field.slice(at + 1));
  }
  const option = (...names: string[]) =>
    names.map((name) => options.get(name)).find((found) => found !== undefined) ?? null;
  return {
    type: option('type')?.toLowerCase() ?? 'bind',
    target: option('target', 'dst', 'destination'),
    id: option('id'),
    source: option('source', 'src'),
    from: option('from'),
    sharing: option('sharing'),
    uid: option('uid'),
    gid: option('gid'),
    mode: option('mode'),
  };
}

/** `a"b c"'d'` → `ab cd`: quotes and backslashes as the Dockerfile parser removes them from a flag. */
function shellWord(text: string): string {
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) word += text[++i];
    else if (ch === '"' || ch === "'") {
      const close = text.indexOf(ch, i + 1);
      const end = close === -1 ? text.length : close;
      word += text.slice(i + 1, end);
      i = end;
    } else word += ch;
  }
  return word;
}

/** One CSV record: commas split fields, a field starting with `"` runs to its closing quote (`""` is a quote). */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= record.length) {
    let field = '';
    if (record[i] === '"') {
      i++;
      while (i < record.length) {
        if (record[i] === '"' && record[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (record[i] === '"') {
          i++;
          break;
        } else field += record[i++];
      }
      const comma = record.indexOf(',', i);
      field += record.slice(i, comma === -1 ? record.length : comma);
      i = comma === -1 ? record.length + 1 : comma + 1;
    } else {
      const comma = record.indexOf(',', i);
      field = record.slice(i, comma === -1 ? record.length : comma);
      i = comma === -1 ? record.length + 1 : comma + 1;
    }
    fields.push(field.trim());
  }
  return fields.filter(Boolean);
}

function runScript(run: Run, lines: string[]): { text: string; commands: ShellCommand[] } {
  const content = run.getArgumentsContent() ?? '';
  const execForm = parseExecForm(content);
  if (execForm) {
    const [program, flag, script] = execForm;
    if (
      program !== undefined &&
      SHELLS.has(basename(program)) &&
      flag?.startsWith('-') &&
      flag.includes('c')
    ) {
      return { text: script ?? '', commands: parseShellScript(script ?? '') };
    }
    return {
      text: execForm.join(' '),
      commands: execForm.length > 0 ? [{ words: execForm, env: {}, joinedBy: null }] : [],
    };
  }
  const heredocs = run.getHeredocs();
  if (heredocs.length === 0) {
    // Docker drops comment lines inside a continued instruction before the shell sees them;
    // the parser joins the continuation but keeps them, each ending in a newline.
    // In one pass: a rebuilt string per comment line was quadratic in a long instruction.
    const kept: string[] = [];
    let cursor = 0;
    const { start, end } = run.getRange();
    for (const line of lines.slice(start.line + 1, end.line + 1)) {
      const comment = line.trim();
      if (!comment.startsWith('#')) continue;
      const at = content.indexOf(`${comment}\n`, cursor);
      if (at < 0) continue;
      kept.push(content.slice(cursor, at));
      cursor = at + comment.length + 1;
    }
    kept.push(content.slice(cursor));
    const text = kept.join('');
    return { text, commands: parseShellScript(text) };
  }

  // `RUN <<EOF`, `RUN <<EOF bash`: the here-document is the script. `RUN python3 <<EOF` feeds another program.
  const opening = content.split('\n')[0] ?? '';
  const openingCommands = parseShellScript(opening);
  const first = openingCommands[0];
  if (first !== undefined && !SHELLS.has(programName(first)))
    return { text: opening, commands: openingCommands };
  let text = opening;
  const commands = [...openingCommands];
  for (const heredoc of heredocs) {
    const range = heredoc.getContentRange();
    if (!range) continue;
    const body = lines.slice(range.start.line, range.end.line + 1).join('\n');
    if (/^#!(?!.*\b(ba|da|z)?sh\b)/.test(body)) continue; // a python or perl script
    text += `\n${body}`;
    commands.push(...parseShellScript(body));
  }
  return { text, commands };
}

function readCopy(instruction: Copy | Add, span: Span): CopyStep {
  const content = instruction.getArgumentsContent() ?? '';
  const paths = parseExecForm(content) ?? instruction.getArguments().map((argument) => argument.getValue());
  const flags = new Map(instruction.getFlags().map((flag) => [flag.getName(), flag.getValue()]));
  return {
    kind: 'copy',
    keyword: instruction instanceof Add ? 'ADD' : 'COPY',
    sources: paths.slice(0, -1),
    destination: paths[paths.length - 1] ?? null,
    from: flags.get('from')?.toLowerCase() ?? null,
    flags,
    heredoc: paths.some((path) => path.startsWith('<<')),
    ...span,
  };
}

function readVariables(instruction: Env | Arg, span: Span, keyword: 'ENV' | 'ARG'): VariablesStep {
  const variables = instruction
    .getProperties()
    .map((property) => ({ name: property.getName(), value: property.getValue() }));
  return { kind: 'variables', keyword, variables, ...span };
}

/** `["pip", "install", "x"]` → its strings; null for the shell form. */
function parseExecForm(content: string): string[] | null {
  if (!content.trimStart().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(content);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Start line of each instruction → rules named in the comment block right above it. */
function inlineIgnores(instructions: Instruction[], lines: string[]): Map<number, Set<string>> {
  const covered = new Set<number>();
  for (const instruction of instructions) {
    const { line, endLine } = spanOf(instruction.getRange());
    for (let at = line; at <= endLine; at++) covered.add(at);
  }
  const ignores = new Map<number, Set<string>>();
  for (const instruction of instructions) {
    const start = spanOf(instruction.getRange()).line;
    const rules = new Set<string>();
    for (let at = start - 1; at >= 1 && !covered.has(at); at--) {
      const text = (lines[at - 1] ?? '').trim();
      if (!text.startsWith('#')) break;
      const match = IGNORE_COMMENT.exec(text);
      for (const rule of match?.[1]?.split(/[\s,]+/) ?? []) if (rule) rules.add(rule);
    }
    if (rules.size > 0) ignores.set(start, rules);
  }
  return ignores;
}
