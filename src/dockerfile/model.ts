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
  /** This stage's layers end up in the last stage's image (it is the last stage or one of its parents). */
  inFinalImage: boolean;
}

export interface DockerfileModel {
  /** The text's lines, for readers that hash or quote what an instruction spans. */
  lines: readonly string[];
  /** ARGs before the first FROM. */
  globalArgs: VariablesStep[];
  stages: Stage[];
  /** Rule ids silenced by `# dfb-ignore` comments for the instruction covering (or next after) a line. */
  silencedAt(line: number): ReadonlySet<string>;
}

type Range = ReturnType<Instruction['getRange']>;

const IGNORE_COMMENT = /^#\s*dfb-ignore\s+(\S.*)$/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
const NOTHING: ReadonlySet<string> = new Set();

/** `buildArgs` (KEY=value, as `--build-arg` takes them) override the defaults of the global ARGs they name. */
export function parseDockerfile(text: string, buildArgs: readonly string[] = []): DockerfileModel {
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const instructions = dockerfile.getInstructions();
  const globalArgs: VariablesStep[] = [];
  const argValues = new Map<string, string | null>();
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
        argValues.set(name, given ?? (value === null ? null : substituteArgs(value, argValues)));
      }
    }
  }

  for (let stage = stages[stages.length - 1] ?? null; stage; stage = stage.parent) stage.inFinalImage = true;

  const silenced = inlineIgnores(instructions, lines);
  const spans = instructions.map((instruction) => spanOf(instruction.getRange()));
  return {
    lines,
    globalArgs,
    stages,
    silencedAt(line) {
      const covering = spans.find((span) => span.endLine >= line);
      return covering ? (silenced.get(covering.line) ?? NOTHING) : NOTHING;
    },
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

/** The stages whose layers lie under `stage`, oldest first, ending with `stage` itself. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | null = stage; current; current = current.parent) chain.unshift(current);
  return chain;
}

export function isWholeContextCopy(step: Step): step is CopyStep {
  return (
    step.kind === 'copy' &&
    step.from === null &&
    !step.heredoc &&
    step.sources.some((source) => ['.', './', '*', './*'].includes(source))
  );
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
    inFinalImage: false,
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
    .map((flag) => {
      const options = new Map(flag.getOptions().map((option) => [option.getName(), option.getValue() ?? '']));
      const option = (...names: string[]) =>
        names.map((name) => options.get(name)).find((value) => value !== undefined) ?? null;
      return {
        type: option('type') ?? 'bind',
        target: option('target', 'dst', 'destination'),
        id: option('id'),
        source: option('source', 'src'),
        from: option('from'),
        sharing: option('sharing'),
        uid: option('uid'),
        gid: option('gid'),
        mode: option('mode'),
      };
    });
  const script = runScript(run, lines);
  return { kind: 'run', commands: script.commands, script: script.text, mounts, ...span };
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
    return { text: execForm.join(' '), commands: execForm.length > 0 ? [{ words: execForm, env: {} }] : [] };
  }
  const heredocs = run.getHeredocs();
  if (heredocs.length === 0) return { text: content, commands: parseShellScript(content) };

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
