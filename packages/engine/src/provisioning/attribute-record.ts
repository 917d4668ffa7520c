/**
 * Records keyed by attribute name, built key by key on the hot path (a create's
 * attributes, the exported state). V8 turns an object literal `{}` into a slow
 * dictionary after about 18 keyed stores; an object made by a constructor starts with
 * in-object slack and stays in fast mode up to about 24 properties, which covers a
 * typical mapping set and makes building and reading it several times cheaper. The
 * prototype is Object.prototype, so the result is an ordinary plain object (JSON, zod
 * and equality checks cannot tell the difference).
 */
function AttributeRecord(): void {}
AttributeRecord.prototype = Object.prototype;

const construct = AttributeRecord as unknown as new () => object;

export function newAttributeRecord<T>(): Record<string, T> {
  return new construct() as Record<string, T>;
}

/** Builds a record from values given by position; an undefined value leaves its name out. */
export type RecordBuilder<T> = (values: readonly (T | undefined)[]) => Record<string, T>;

/**
 * A builder for records whose names are known in advance (a create's attributes, in
 * mapping order). Adding names one by one through a computed key goes through one
 * store site that sees every name and every shape, which V8 serves slowly; the builder
 * is generated with one store per name instead, so each store sees only the few shapes
 * its position can have. The names are written as JSON string literals, so any name is
 * safe in the generated source. Where generating code is switched off
 * (--disallow-code-generation-from-strings) the same records are built by a loop.
 */
export function recordBuilder<T>(names: readonly string[]): RecordBuilder<T> {
  const stores = names.map(
    (name, i) => `  value = values[${i}];\n  if (value !== undefined) record[${JSON.stringify(name)}] = value;\n`,
  );
  const source = `"use strict";\nreturn function buildRecord(values) {\n  const record = new Record();\n  let value;\n${stores.join("")}  return record;\n};`;
  try {
    return new Function("Record", source)(construct) as RecordBuilder<T>;
  } catch {
    return loopRecordBuilder(names);
  }
}

/** recordBuilder without generated code: the same records, more slowly. */
export function loopRecordBuilder<T>(names: readonly string[]): RecordBuilder<T> {
  return (values) => {
    const record = newAttributeRecord<T>();
    for (let i = 0; i < names.length; i++) {
      const value = values[i];
      if (value !== undefined) record[names[i] as string] = value;
    }
    return record;
  };
}
