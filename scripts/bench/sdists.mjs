// C-extension source distributions for the compile-heavy fixture: a setup.py with one Extension
// and a generated C file big enough that gcc -O2 needs seconds, as real native dependencies do.
// Deterministic (same name and version, same bytes), so pip's wheel cache key stays the same.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

// Fixed mtime: 2020-01-01 rather than the epoch, because zip (the wheel built from it) cannot hold
// dates before 1980.
const MTIME = new Date('2020-01-01T00:00:00Z');

/** A small deterministic generator of 32-bit constants, seeded by the package's name. */
function constants(seed) {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/**
 * C source with `functions` functions of mixed arithmetic, branches and loops (what keeps gcc's
 * optimiser busy), chained by one Python-callable `checksum()` so nothing is dead code. Each is
 * noinline, so compile time grows with `functions` linearly (about 0.05 s each at -O2 here) instead of
 * all of them being inlined into one huge function.
 */
export function extensionSource(module, functions) {
  const next = constants(module);
  const lines = ['#define PY_SSIZE_T_CLEAN', '#include <Python.h>', '#include <stdint.h>', ''];
  for (let f = 0; f < functions; f++) {
    lines.push(`static __attribute__((noinline)) uint64_t f${f}(uint64_t x, const uint32_t *t) {`);
    lines.push('  uint64_t y = x;');
    for (let s = 0; s < 6; s++) {
      const [a, b, c, d] = [next(), next(), next(), next()];
      lines.push(
        `  for (int i = 0; i < ${(a % 7) + 2}; i++) { y = (y ^ (y >> ${(b % 29) + 1})) * ${c}u + t[(i + ${s}) & 15]; if (y & ${1 << (d % 31)}u) y += x >> ${(d % 13) + 1}; else y ^= ${a}u; }`,
      );
      lines.push(
        `  switch ((y >> ${b % 40}) & 3) { case 0: y += ${c}u; break; case 1: y ^= y << ${(a % 11) + 1}; break; case 2: y = y * ${d | 1}u; break; default: y -= ${b}u; }`,
      );
    }
    lines.push('  return y;', '}', '');
  }
  lines.push('static PyObject *checksum(PyObject *self, PyObject *args) {');
  lines.push('  static const uint32_t t[16] = {');
  lines.push(`    ${Array.from({ length: 16 }, () => `${next()}u`).join(', ')}`);
  lines.push('  };', '  uint64_t x = 1;');
  for (let f = 0; f < functions; f++) lines.push(`  x = f${f}(x, t);`);
  lines.push('  return PyLong_FromUnsignedLongLong(x);', '}', '');
  lines.push(
    `static PyMethodDef methods[] = {{"checksum", checksum, METH_NOARGS, "Runs every generated function."}, {NULL, NULL, 0, NULL}};`,
    `static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "${module}", NULL, -1, methods};`,
    `PyMODINIT_FUNC PyInit_${module}(void) { return PyModule_Create(&module); }`,
    '',
  );
  return lines.join('\n');
}

export function sdistFileName(name, version) {
  return `${name.replace(/-/g, '_')}-${version}.tar.gz`;
}

/** Writes `name-version.tar.gz` (an sdist pip builds with setuptools); returns its path. */
export async function makeCExtensionSdist(dir, { name, version = '1.0.0', functions = 400 }) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, sdistFileName(name, version));
  if (existsSync(file)) return file;
  const module = name.replace(/-/g, '_');
  const root = `${module}-${version}`;
  const pkgInfo = `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`;
  const setup = [
    'from setuptools import Extension, setup',
    '',
    'setup(',
    `    name="${name}",`,
    `    version="${version}",`,
    `    ext_modules=[Extension("${module}", ["${module}.c"], extra_compile_args=["-O2"])],`,
    ')',
    '',
  ].join('\n');
  const files = [
    [`${root}/PKG-INFO`, pkgInfo],
    [`${root}/setup.py`, setup],
    [`${root}/${module}.c`, extensionSource(module, functions)],
  ];
  const pack = tar.pack();
  const chunks = [];
  pack.on('data', (chunk) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => pack.on('end', resolve).on('error', reject));
  for (const [entry, content] of files) {
    pack.entry({ name: entry, mode: 0o644, mtime: MTIME, uid: 0, gid: 0 }, content);
  }
  pack.finalize();
  await done;
  // gzip without a file name or time in its header, so the archive's bytes depend on its content only.
  const partial = `${file}.partial`;
  writeFileSync(partial, gzipSync(Buffer.concat(chunks), { level: 6 }));
  renameSync(partial, file);
  return file;
}
