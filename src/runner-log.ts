// The only way this action prints plain text to the job log. The runner reads workflow commands from
// every line on stdout: `::name::data` at a line's start after any blanks, and the legacy
// `##[name k=v;]data` anywhere in a line; a line ends at \r as well as \n. Text from elsewhere (a RUN
// step's output, buildx's messages, an error that quotes either) could hold such a command, so any
// text that might is printed between `::stop-commands::<token>` and `::<token>::`, GitHub's documented
// way to pause command processing, with a token no build can know.
import { randomBytes } from 'node:crypto';

/**
 * True when no line of `text` can be read as a workflow command. Deliberately broader than the
 * runner's parser (`::` anywhere, not only at a line's start after the blanks .NET trims), so that no
 * whitespace or line-break trick can slip past it.
 */
export function isInert(text: string): boolean {
  return !text.includes('::') && !text.includes('##[');
}

/** `text` as one block the runner will not read commands from, ending in a line break. */
export function enclose(text: string, token: string): string {
  if (!/^[0-9a-f]{32,}$/.test(token)) throw new Error('enclose: the stop token must be 32+ hex digits');
  // The resume line must stand on its own line, whatever the text's last line was.
  const body = /[\r\n]$/.test(text) ? text : `${text}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}

export function newStopToken(): string {
  return randomBytes(16).toString('hex');
}

type Write = (text: string) => void;
let write: Write = (text) => {
  process.stdout.write(text);
};

/** Prints a line of the log. Anything that could be a command is enclosed, with a fresh token each time. */
export function info(text: string): void {
  // One write per call: nothing else this process prints can land inside a block.
  write(isInert(text) ? `${text}\n` : enclose(text, newStopToken()));
}

/** For unit tests: where the log goes. Returns the previous writer. */
export function setLogWriter(next: Write): Write {
  const previous = write;
  write = next;
  return previous;
}
