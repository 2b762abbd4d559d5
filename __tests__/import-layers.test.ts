// Keeps src/'s imports pointing down: every file sits on a layer of the table below, and may import
// only from a lower layer or from its own folder (or file). A new file or folder must be given a
// layer here; an import that would run back up is a design question, not a line to add.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');

/** Bottom first. An entry is a folder (`name/`) or a file; the longest entry that holds a file wins. */
const LAYERS: string[][] = [
  // The vocabulary: names, units, the one way to print, the one way to escape Markdown.
  ['constants.ts', 'units.ts', 'runner-log.ts', 'markdown.ts', 'domain/'],
  ['state.ts', 'dockerfile/'],
  // What the run is given: inputs, the GitHub run, and advice read from the Dockerfile alone.
  ['inputs/', 'github/', 'advice/'],
  ['buildx/'],
  // What buildx carries out: the dependency caches around a build, the measuring of its image.
  ['cache/', 'image/'],
  ['report/'],
  ['outputs.ts'],
  // The main step's phases, each a file that takes what it needs and returns what the next one needs.
  ['phases/'],
  ['run-post.ts', 'run-relay.ts'],
  ['run-main.ts'],
  ['main.ts', 'post.ts', 'comment-from-artifact.ts'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** The files of src/ a file imports (type imports too: they tie the design as much). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms),
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.map((specifier) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.ts'))),
  );
}

function entryOf(file: string): { entry: string; layer: number } | undefined {
  let found: { entry: string; layer: number } | undefined;
  LAYERS.forEach((entries, layer) => {
    for (const entry of entries) {
      const holds = entry.endsWith('/') ? file.startsWith(entry) : file === entry;
      if (holds && (!found || entry.length > found.entry.length)) found = { entry, layer };
    }
  });
  return found;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the import graph of src/', () => {
  it('reads every file and finds imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
  });

  it('gives every file a layer', () => {
    expect(files.filter((file) => !entryOf(file))).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !graph.has(target)).map((target) => `${file} -> ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import running back up, or sideways to another entry of its own layer', () => {
    const upward = [...graph].flatMap(([file, targets]) => {
      const from = entryOf(file);
      return targets.flatMap((target) => {
        const to = entryOf(target);
        if (!from || !to || to.entry === from.entry || to.layer < from.layer) return [];
        return [`${file} (layer ${from.layer}) -> ${target} (layer ${to.layer})`];
      });
    });
    expect(upward).toEqual([]);
  });

  it('has no circle of imports, even inside one folder', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('tells an import running up from one running down', () => {
    // The check itself: report/ may read image/, image/ may not read report/.
    expect(entryOf('image/facts.ts')!.layer).toBeLessThan(entryOf('report/model.ts')!.layer);
    expect(entryOf('buildx/plan.ts')!.layer).toBeLessThan(entryOf('image/listing-plan.ts')!.layer);
    expect(entryOf('domain/listing.ts')!.layer).toBeLessThan(entryOf('buildx/plan.ts')!.layer);
  });
});
