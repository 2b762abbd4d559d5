// Everything that reaches Markdown from users (branch names, paths, tags, instructions) goes through here.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  // An escaped @ cannot mention anyone, and an escaped # cannot link an issue.
  '@': '&#64;',
  '#': '&#35;',
};

/** Text that renders as itself in Markdown and HTML, on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[&<>"|`*_[\]\\@#]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Inline code that cannot be broken out of: HTML <code> with escaped content. */
export function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
