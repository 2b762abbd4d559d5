// Renders a golden pull request comment (what the report renderer's tests pin) as GitHub shows it
// and screenshots it with headless Chromium, for the README's picture: docs/comment.png.
// Run from the repository root: node scripts/docs/comment-png.mjs [golden-name] [--out file.png]
// Chromium comes from $CHROMIUM, else `chromium` / `chromium-browser` / `google-chrome` on the PATH.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { marked } from 'marked';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = path.resolve(outIndex >= 0 ? args[outIndex + 1] : 'docs/comment.png');
const positional = args.filter((arg, i) => !arg.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));
const golden = positional[0] ?? 'comment-several-images';
const WIDTH = 880;
const SCALE = 2;

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  throw new Error('No Chromium: set CHROMIUM=/path/to/chromium (on Debian: apt-get install chromium).');
}

// GitHub's comment styles, cut down to what the report uses (tables, details, code, sub).
const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; padding: 16px; background: #ffffff; color: #1f2328;
    font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, "Liberation Sans", Arial, sans-serif,
      "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
  .comment { border: 1px solid #d1d9e0; border-radius: 6px; }
  .header { display: flex; align-items: center; gap: 8px; padding: 8px 16px; background: #f6f8fa;
    border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
  .header .avatar { width: 20px; height: 20px; border-radius: 4px; background: #2da44e; }
  .header b { color: #1f2328; }
  .header .bot { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; }
  .body { padding: 16px; }
  .body > :first-child { margin-top: 0; }
  h3 { font-size: 1.25em; font-weight: 600; margin: 0 0 16px; }
  table { border-collapse: collapse; margin: 0 0 16px; display: block; width: max-content; max-width: 100%; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { font: 85% ui-monospace, SFMono-Regular, "DejaVu Sans Mono", "Liberation Mono", monospace;
    background: rgba(129, 139, 152, 0.12); border-radius: 6px; padding: 0.2em 0.4em; }
  a { color: #0969da; text-decoration: none; }
  sub { font-size: 75%; color: #59636e; }
  p, ul { margin: 0 0 16px; }
  details { margin: 0 0 8px; }
  summary { cursor: pointer; }
  details[open] > summary { margin-bottom: 8px; }
`;

function page(markdown) {
  // Open the layers, so the picture shows a Dockerfile line linked to its layer; the rest stay
  // folded, as GitHub shows them.
  const html = marked
    .parse(markdown, { gfm: true })
    .replace(/<details><summary>Layers/g, '<details open><summary>Layers')
    // GitHub links no URL inside <code>; marked's autolinking does.
    .replace(
      /<code>([\s\S]*?)<\/code>/g,
      (_, code) => `<code>${code.replace(/<a [^>]*>|<\/a>/g, '')}</code>`,
    );
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
<div class="comment"><div class="header"><span class="avatar"></span><b>github-actions</b>
<span class="bot">bot</span> commented</div><div class="body">${html}</div></div>
<script>document.title = String(Math.ceil(document.querySelector('.comment').getBoundingClientRect().bottom) + 16);</script></body></html>`;
}

const markdown = readFileSync(path.join('__tests__/fixtures/golden', `${golden}.md`), 'utf8');
const chromium = findChromium();
const dir = mkdtempSync(path.join(tmpdir(), 'dfb-comment-png-'));
try {
  const htmlFile = path.join(dir, 'comment.html');
  writeFileSync(htmlFile, page(markdown));
  const common = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    `--user-data-dir=${path.join(dir, 'profile')}`,
  ];
  const url = pathToFileURL(htmlFile).href;
  // First pass: the page writes its own height into <title>; the second screenshots exactly that.
  const dom = execFileSync(chromium, [...common, `--window-size=${WIDTH},2000`, '--dump-dom', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1]);
  if (!Number.isFinite(height) || height <= 0) throw new Error('Chromium did not report the page height.');
  execFileSync(
    chromium,
    [
      ...common,
      `--window-size=${WIDTH},${height}`,
      `--force-device-scale-factor=${SCALE}`,
      `--screenshot=${out}`,
      url,
    ],
    { stdio: 'ignore' },
  );
  console.log(
    `wrote ${path.relative(process.cwd(), out)} (${WIDTH}×${height} CSS px at ${SCALE}×) from ${golden}.md`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
