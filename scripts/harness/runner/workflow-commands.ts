// The runner's reading of a step's output, modelled line for line on actions/runner
// (ActionCommandManager + ActionCommand): what the e2e harness, the demo and the bench believe a real
// runner would do with what the action prints. A kind model (only `::` at a line's start, or only the
// GITHUB_STATE file) cannot see an injection, so this one is as permissive as the runner is.

/** Commands the runner knows; it ignores lines naming anything else. Names compare case-insensitively. */
export const REGISTERED_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
];

// .NET's String.TrimStart(): every char.IsWhiteSpace character, U+0085 and the Unicode spaces included.
const DOTNET_LEADING_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

type Escapes = [token: string, replacement: string][];

function unescape(text: string, mappings: Escapes): string {
  let result = text;
  for (const [token, replacement] of mappings) result = result.split(token).join(replacement);
  return result;
}
const V2_DATA: Escapes = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const V2_PROPERTY: Escapes = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY: Escapes = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

export interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  rawProperties: string;
  data: string;
  form: 'v2' | 'legacy';
}

/** A `::warning::`, `::error::` or `::notice::` the runner turned into an annotation. */
export interface Annotation {
  level: string;
  properties: string;
  message: string;
}

/** `::name k=v,k=v::data`, at the start of the line once leading whitespace is trimmed. */
export function parseV2(line: string, registered: Set<string>): ParsedCommand | undefined {
  const message = line.replace(DOTNET_LEADING_WHITESPACE, '');
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!registered.has(command.toLowerCase())) return undefined;
  const rawProperties = space > 0 ? info.slice(space + 1).trim() : '';
  const properties: Record<string, string> = {};
  for (const pair of rawProperties.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0 && at < pair.length - 1)
      properties[pair.slice(0, at)] = unescape(pair.slice(at + 1), V2_PROPERTY);
  }
  return { command, properties, rawProperties, data: unescape(message.slice(end + 2), V2_DATA), form: 'v2' };
}

/** `##[name k=v;k=v]data`, the first `##[` anywhere in the line. */
export function parseLegacy(line: string, registered: Set<string>): ParsedCommand | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const bracket = line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  const info = line.slice(prefix + 3, bracket);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!registered.has(command.toLowerCase())) return undefined;
  const rawProperties = space > 0 ? info.slice(space + 1) : '';
  const properties: Record<string, string> = {};
  for (const pair of rawProperties.split(';').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at > 0 && at < pair.length - 1) properties[pair.slice(0, at)] = unescape(pair.slice(at + 1), LEGACY);
  }
  return {
    command,
    properties,
    rawProperties,
    data: unescape(line.slice(bracket + 1), LEGACY),
    form: 'legacy',
  };
}

/**
 * One step's command processing: feed it the step's output as it arrives (stdout and stderr, each
 * through its own `stream`); it keeps what the commands did.
 */
export class WorkflowCommandReader {
  readonly registered = new Set(REGISTERED_COMMANDS);
  /** While commands are stopped, the token that resumes them. */
  stopToken: string | undefined = undefined;
  /** Every command the runner acted on, in order. */
  readonly commands: ParsedCommand[] = [];
  readonly state: Record<string, string> = {};
  readonly outputs: Record<string, string> = {};
  readonly masks: string[] = [];
  /** The unfinished last line of each stream. */
  private partial: Record<string, string> = {};

  feed(stream: string, chunk: string): void {
    const lines = ((this.partial[stream] ?? '') + chunk).split(/\r\n|\r|\n/);
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** The end of the step: a last line with no line break still counts. */
  end(): void {
    for (const rest of Object.values(this.partial)) if (rest) this.line(rest);
    this.partial = {};
  }

  line(line: string): void {
    if (!line) return;
    const command = parseV2(line, this.registered) ?? parseLegacy(line, this.registered);
    if (!command) return;
    const name = command.command.toLowerCase();
    if (this.stopToken !== undefined) {
      // An empty token never resumes, as on the runner.
      if (this.stopToken !== '' && name === this.stopToken.toLowerCase()) {
        this.registered.delete(this.stopToken.toLowerCase());
        this.stopToken = undefined;
        this.commands.push(command);
      }
      return;
    }
    this.commands.push(command);
    if (name === 'stop-commands') {
      this.stopToken = command.data;
      this.registered.add(command.data.toLowerCase());
    } else if (name === 'save-state' && command.properties.name) {
      this.state[command.properties.name] = command.data;
    } else if (name === 'set-output' && command.properties.name) {
      this.outputs[command.properties.name] = command.data;
    } else if (name === 'add-mask' && command.data.trim()) {
      this.masks.push(command.data);
    }
  }

  /** ::warning::, ::error::, ::notice:: the runner turned into annotations. */
  get annotations(): Annotation[] {
    return this.commands
      .filter((c) => ['warning', 'error', 'notice'].includes(c.command.toLowerCase()))
      .map((c) => ({ level: c.command.toLowerCase(), properties: c.rawProperties, message: c.data }));
  }
}
