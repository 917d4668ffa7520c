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
