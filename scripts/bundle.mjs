// Bundles the entries (the action's main and post, the comment-from-artifact sub-action) into dist/
// (ESM, shared code split into chunks).
import { build } from 'esbuild';
import { lstatSync, rmSync } from 'node:fs';

// esbuild names chunks after the paths it resolves: node_modules linked in from another checkout
// gives the same code under other names, and CI's check that dist/ is a fresh bundle fails.
if (lstatSync('node_modules', { throwIfNoEntry: false })?.isSymbolicLink()) {
  console.error('node_modules is a symbolic link: bundle from a checkout with its own (npm ci).');
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'src/post.ts', 'src/comment-from-artifact.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  // Some bundled CommonJS dependencies call require(); give them one in the ESM bundle.
  banner: {
    js: "import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);",
  },
});
