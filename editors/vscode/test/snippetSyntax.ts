// A strict parser for VS Code's snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets),
// used by the tests to check our snippet bodies and to expand them with their defaults.
//
//   any         := tabstop | placeholder | choice | variable | text
//   tabstop     := '$' int | '${' int '}'
//   placeholder := '${' int ':' any* '}'
//   choice      := '${' int '|' text (',' text)* '|}'
//   variable    := '$' var | '${' var '}' | '${' var ':' any* '}'
//
// Stricter than VS Code, which shows a malformed construct as plain text: here a `$` that starts
// nothing, an unclosed `${`, an unknown variable or a transform is an error.

export interface ParsedSnippet {
  /**
   * The text a user gets by accepting every default (choices: the first option). As in VS Code,
   * every occurrence of a tab stop shows the default given at one of them.
   */
  expanded: string;
  /** Tab stop number -> the default text of each occurrence. */
  tabstops: Map<number, string[]>;
  variables: Set<string>;
}

export class SnippetSyntaxError extends Error {}

// Private-use characters around the tab stop number stand for "this tab stop's default".
const MARKER = /\uE000(\d+)\uE001/g;
const marker = (n: number) => `\uE000${n}\uE001`;

export function parseSnippet(body: string, variables: Record<string, string>): ParsedSnippet {
  let pos = 0;
  const tabstops = new Map<number, string[]>();
  const used = new Set<string>();

  const fail = (message: string): never => {
    throw new SnippetSyntaxError(`${message} at offset ${pos} in ${JSON.stringify(body)}`);
  };
  const record = (n: number, text: string) => tabstops.set(n, [...(tabstops.get(n) ?? []), text]);

  // Parses text and constructs until one of `stops` (unescaped) or the end; returns the expansion
  // with every tab stop as a marker, replaced by its default once all defaults are known.
  function parseAny(stops: string): string {
    let out = '';
    while (pos < body.length) {
      const c = body[pos];
      if (stops.includes(c)) return out;
      if (c === '\\') {
        const next = body[pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          out += next;
          pos += 2;
        } else {
          out += c;
          pos += 1;
        }
      } else if (c === '$') {
        out += parseDollar();
      } else {
        out += c;
        pos += 1;
      }
    }
    return out;
  }

  function parseInt(): number {
    const m = /^\d+/.exec(body.slice(pos));
    if (!m) return fail('expected a number');
    pos += m[0].length;
    return Number(m[0]);
  }

  function parseVariableName(): string {
    const m = /^[A-Z_][A-Z_0-9]*/.exec(body.slice(pos));
    if (!m) return fail('expected a variable name');
    pos += m[0].length;
    if (!(m[0] in variables)) fail(`unknown variable ${m[0]}`);
    used.add(m[0]);
    return m[0];
  }

  function parseDollar(): string {
    pos += 1; // $
    if (/\d/.test(body[pos] ?? '')) {
      const n = parseInt();
      record(n, '');
      return marker(n);
    }
    if (/[A-Z_]/.test(body[pos] ?? '')) return variables[parseVariableName()];
    if (body[pos] !== '{') return fail('a $ that starts no tab stop or variable (write \\$ for a dollar sign)');
    pos += 1; // {
    if (/\d/.test(body[pos] ?? '')) {
      const n = parseInt();
      if (body[pos] === '}') {
        pos += 1;
        record(n, '');
        return marker(n);
      }
      if (body[pos] === ':') {
        pos += 1;
        const text = parseAny('}');
        if (body[pos] !== '}') fail(`placeholder \${${n}:…} is not closed`);
        pos += 1;
        record(n, text);
        return marker(n);
      }
      if (body[pos] === '|') {
        pos += 1;
        const options: string[] = [''];
        while (pos < body.length && !(body[pos] === '|' && body[pos + 1] === '}')) {
          if (body[pos] === '\\' && ',|\\$}'.includes(body[pos + 1])) {
            options[options.length - 1] += body[pos + 1];
            pos += 2;
          } else if (body[pos] === ',') {
            options.push('');
            pos += 1;
          } else {
            options[options.length - 1] += body[pos];
            pos += 1;
          }
        }
        if (pos >= body.length) fail(`choice \${${n}|…|} is not closed`);
        pos += 2;
        if (options.some((o) => o === '')) fail(`choice \${${n}|…|} has an empty option`);
        record(n, options[0]);
        return marker(n);
      }
      return fail(`unexpected ${JSON.stringify(body[pos] ?? 'end')} after \${${n}`);
    }
    const name = parseVariableName();
    if (body[pos] === '}') {
      pos += 1;
      return variables[name];
    }
    if (body[pos] === ':') {
      pos += 1;
      parseAny('}');
      if (body[pos] !== '}') fail(`variable \${${name}:…} is not closed`);
      pos += 1;
      return variables[name];
    }
    return fail(`unexpected ${JSON.stringify(body[pos] ?? 'end')} after \${${name}`);
  }

  const withMarkers = parseAny('');
  const render = (text: string, depth: number): string => {
    if (depth > 20) return fail('tab stops refer to each other in a cycle');
    return text.replace(MARKER, (_m, n: string) => {
      const defaults = tabstops.get(Number(n)) ?? [];
      return render(defaults.find((d) => d !== '') ?? '', depth + 1);
    });
  };
  const expanded = render(withMarkers, 0);
  for (const [n, defaults] of tabstops) tabstops.set(n, defaults.map((d) => render(d, 0)));
  return { expanded, tabstops, variables: used };
}
