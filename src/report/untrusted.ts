// A report read from somewhere the action does not control — a fork's pull request run wrote it, and
// the artifact is whatever that run's code chose to write. It is read through the report's one
// schema (schema.ts) with the FORK reading below: nothing is cast, every field the renderer reads is
// checked and copied, strings and lists are cut to a size that keeps the comment small, links are
// taken out of text, nothing only our own runs are trusted with (links, the pull request) is taken
// from the file, and the first wrong field is named in the error.
import * as v from 'valibot';

import type { BuildReport } from './model.js';
import { fieldsOf, readOrThrow, reportShape, SchemaError, type Reading } from './schema.js';

export class UntrustedReportError extends SchemaError {
  constructor(where: string, expected: string) {
    super(where, expected);
    this.name = 'UntrustedReportError';
  }
}

const MAX_TEXT = 500;
const MAX_LIST = 50;
const NUMBER = 'a number from 0 to 1e15';
const boundedAmount = v.pipe(
  v.number(NUMBER),
  v.finite(NUMBER),
  v.minValue(0, NUMBER),
  v.maxValue(1e15, NUMBER),
);

/** A fork's file: the renderer gets nothing it would not get from our own run, and nothing large. */
export const FORK: Reading = {
  text: (max = MAX_TEXT) =>
    v.pipe(
      v.string('a string'),
      v.transform((text) => unlinked(text.length > max ? `${text.slice(0, max - 1)}…` : text)),
    ),
  amount: () => boundedAmount,
  whole: () => v.pipe(boundedAmount, v.integer('a whole number')),
  ratio: () =>
    v.pipe(
      boundedAmount,
      v.transform((share) => Math.min(1, share)),
    ),
  flag: () => v.boolean('true or false'),
  oneOf: (values) => v.picklist(values, `one of ${values.join(', ')}`),
  // At most `max` items are read; the rest are dropped, not trusted to be short.
  list: (item, max = MAX_LIST) =>
    v.pipe(
      v.unknown(),
      v.transform((value) => (Array.isArray(value) ? value.slice(0, max) : value)),
      v.array(item, 'a list'),
    ),
  fields: fieldsOf,
  optional: (field) =>
    v.optional(
      v.pipe(
        v.unknown(),
        v.transform((value) => value ?? undefined),
        v.optional(field),
      ),
    ),
  maybe: (field) => v.optional(FORK.optional(field), () => undefined),
  own: () =>
    v.pipe(
      v.unknown(),
      v.transform(() => undefined),
    ),
};

/**
 * GitHub turns a bare `https://…` or `www.…` into a link even in escaped text: a word joiner
 * (U+2060, invisible) after the scheme or `www` keeps the text and drops the link the bot would post.
 */
export function unlinked(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1:\u2060//')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\u2060.`);
}

/** The report as a fork's run may have written it, read with FORK. */
export const forkReportSchema = reportShape(FORK);

/** The report the renderer may be given, rebuilt field by field; throws UntrustedReportError. */
export function reportFromUntrusted(value: unknown, where = 'report'): BuildReport {
  return readOrThrow(forkReportSchema, value, where, UntrustedReportError);
}
