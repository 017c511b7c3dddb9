/**
 * Keys written twice in one JSON object. `JSON.parse` keeps the last value of a repeated key, and
 * IAM's own parser is not documented to do the same (RFC 8259 §4: "the behavior of software that
 * receives such an object is unpredictable"), so `{"Action": "*", ..., "Action": "s3:GetObject"}`
 * could be judged as the narrow grant while AWS reads the wide one. The pack therefore refuses a
 * document with a repeated key instead of guessing which one counts.
 *
 * One pass over text that `JSON.parse` has accepted, linear in its length; keys are compared after
 * unescaping (`"\u0041ction"` is `"Action"`).
 */

/** Each key repeated within one object, once, with the path of that object (`Statement[0]`). */
export function duplicateKeys(text: string): { key: string; at: string }[] {
  const found: { key: string; at: string }[] = [];
  const reported = new Set<string>();
  // Per open object: its keys so far; per open array: the index of its current element.
  const stack: (
    | { kind: 'object'; keys: Set<string>; path: string; last?: string }
    | { kind: 'array'; index: number; path: string }
  )[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    if (top.kind === 'array') return `${top.path}[${top.index}]`;
    return top.path === '' ? (top.last ?? '') : `${top.path}.${top.last ?? ''}`;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const token = text.slice(i, j + 1);
      i = j + 1;
      let k = i;
      while (
        k < text.length &&
        (text[k] === ' ' || text[k] === '\t' || text[k] === '\n' || text[k] === '\r')
      )
        k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top?.kind === 'object') {
        const key = JSON.parse(token) as string;
        if (top.keys.has(key)) {
          const id = `${top.path}\0${key}`;
          if (!reported.has(id)) {
            reported.add(id);
            found.push({ key, at: top.path });
          }
        }
        top.keys.add(key);
        top.last = key;
      }
      continue;
    }
    if (c === '{') stack.push({ kind: 'object', keys: new Set(), path: childPath() });
    else if (c === '[') stack.push({ kind: 'array', index: 0, path: childPath() });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
    }
    i++;
  }
  return found;
}

/** The problem a repeated key makes, or undefined: for a message that names key and place. */
export function duplicateKeyProblem(text: string): string | undefined {
  const found = duplicateKeys(text);
  if (found.length === 0) return undefined;
  const listed = found
    .slice(0, 3)
    .map((d) => `"${d.key}"${d.at === '' ? ' at the top' : ` in ${d.at}`}`)
    .join(', ');
  const more = found.length > 3 ? ` and ${found.length - 3} more` : '';
  return `repeats a key in one object (${listed}${more}); JSON readers disagree on which value counts (JavaScript keeps the last), so write each key once`;
}
