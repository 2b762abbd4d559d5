// The few ways every reader of JSON from outside takes its fields (valibot): an object that is not a
// list, a field it can do without, a list that keeps what it can read, and an issue on one line.
import * as v from 'valibot';

/** An object with these fields, and not a list (JSON's lists are objects too). */
export function jsonObject<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<object>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'an object',
    ),
    v.object(entries),
  );
}

/** What a document lacks, on one line: the first issue, and where it is. */
export function firstIssue(issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const where = v.getDotPath(issues[0]);
  return where ? `${issues[0].message} at ${where}` : issues[0].message;
}

/** A field the reader can do without: left out, or of the wrong type, it reads as undefined. */
export function optional<T>(schema: v.GenericSchema<unknown, T>) {
  return v.fallback(v.optional(schema), undefined);
}

/** A list that keeps the items `item` reads and leaves out the others. */
export function listOf<T>(item: v.GenericSchema<unknown, T>) {
  return v.pipe(
    v.array(v.unknown()),
    v.transform((items) =>
      items.flatMap((value) => {
        const read = v.safeParse(item, value);
        return read.success ? [read.output] : [];
      }),
    ),
  );
}
