/** The CEL types a variable of the expression tester may have. */
const SCALARS = new Set([
  'string',
  'int',
  'uint',
  'double',
  'decimal',
  'bool',
  'bytes',
  'timestamp',
  'duration',
  'dyn',
  'list',
  'map',
]);

/**
 * Whether `text` names a CEL type Tessera knows: a scalar, `list<T>` or `map<K, V>`, nested up
 * to a few levels. Checked before the engine sees it, so a bad type is a 400, not an exception.
 */
export function isCelTypeName(text: string): boolean {
  if (text.length > 200) return false;
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_.]*|[<>,]|\S/g) ?? [];
  let at = 0;
  const type = (depth: number): boolean => {
    const name = tokens[at++];
    if (name === undefined || !SCALARS.has(name) || depth > 4) return false;
    if (tokens[at] !== '<') return true;
    if (name !== 'list' && name !== 'map') return false;
    at++;
    if (!type(depth + 1)) return false;
    if (name === 'map') {
      if (tokens[at++] !== ',') return false;
      if (!type(depth + 1)) return false;
    }
    return tokens[at++] === '>';
  };
  return type(0) && at === tokens.length;
}
