const WHOLE = /^\$\{\{\s*([\w.-]+)\s*\}\}$/;
const PART = /\$\{\{\s*([\w.-]+)\s*\}\}/g;

function lookup(context: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      context,
    );
}

/**
 * Renders `${{ a.b.c }}` expressions the way the scaffolder does for the
 * simple lookups the templates here use: a value that is one expression
 * keeps its type, a value that renders to nothing is left out.
 */
export function render(value: unknown, context: Record<string, unknown>): any {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const found = lookup(context, whole[1]);
      return found === '' || found === null ? undefined : found;
    }
    return value.replace(PART, (_, path) =>
      String(lookup(context, path) ?? ''),
    );
  }
  if (Array.isArray(value)) {
    return value.map(item => render(item, context));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, render(item, context)])
        .filter(([, item]) => item !== undefined),
    );
  }
  return value;
}
