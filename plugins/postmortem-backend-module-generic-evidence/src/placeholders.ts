/**
 * Request templates: `{{name}}` placeholders filled per entity with the
 * incident window and the entity's annotations. `{{ }}` rather than `${ }`
 * because Backstage substitutes `${VAR}` in config with environment
 * variables, which is how secrets reach the headers.
 */

/** The window placeholders, each in several formats. */
const TIMES = ['from', 'to', 'changesFrom'] as const;

/** Placeholders whose value is numeric: a body leaf that is only one of them stays a number. */
export const NUMERIC_PLACEHOLDERS = new Set([
  ...TIMES.flatMap(t => [
    `${t}Seconds`,
    `${t}Millis`,
    `${t}Micros`,
    `${t}Nanos`,
  ]),
  'stepSeconds',
]);

/** Every placeholder name besides `annotation:<key>`. */
export const PLACEHOLDERS = new Set([
  ...TIMES,
  ...NUMERIC_PLACEHOLDERS,
  'step',
  'value',
  'entityRef',
  'entityKind',
  'entityNamespace',
  'entityName',
  'incidentId',
  'humanId',
  'clusterUrl',
]);

/** Placeholders whose value comes from the catalog, not from this config. */
const FROM_CATALOG = new Set([
  'value',
  'entityRef',
  'entityKind',
  'entityNamespace',
  'entityName',
]);

/**
 * What a catalog value may contain to be put in a request: no quotes,
 * braces, pipes, backslashes or line breaks, which would end a quoted
 * string or a selector in LogQL, TraceQL, Lucene or a header. Enough for
 * service names, namespaces and label selectors (`app=a,tier!=b`).
 */
const SAFE_VALUE = /^[\w.:/@=,!+ -]{1,256}$/;

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** A placeholder names an annotation the entity does not have. */
export class MissingValueError extends Error {}
/** A catalog value would change the meaning of the request. */
export class UnsafeValueError extends Error {}

export type Variables = Record<string, string | undefined>;

/** The variables of one request. */
export function variablesFor(options: {
  from: Date;
  to: Date;
  changesFrom: Date;
  stepSeconds: number;
  entityRef: string;
  value: string;
  annotations: Record<string, string>;
  incidentId: string;
  humanId: string;
  clusterUrl?: string;
}): Variables {
  const vars: Variables = {
    stepSeconds: String(options.stepSeconds),
    step: `${options.stepSeconds}s`,
    value: options.value,
    entityRef: options.entityRef,
    incidentId: options.incidentId,
    humanId: options.humanId,
    clusterUrl: options.clusterUrl,
  };
  const match = /^([^:]+):(?:([^/]+)\/)?(.+)$/.exec(options.entityRef);
  vars.entityKind = match?.[1];
  vars.entityNamespace = match?.[2] ?? 'default';
  vars.entityName = match?.[3];
  for (const t of TIMES) {
    const ms = options[t].getTime();
    vars[t] = options[t].toISOString();
    vars[`${t}Seconds`] = String(Math.floor(ms / 1000));
    vars[`${t}Millis`] = String(ms);
    vars[`${t}Micros`] = `${ms}000`;
    vars[`${t}Nanos`] = `${ms}000000`;
  }
  for (const [key, value] of Object.entries(options.annotations)) {
    vars[`annotation:${key}`] = value;
  }
  return vars;
}

/** Names of the placeholders in a template that are not known, for startup errors. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const [, inner] of template.matchAll(PLACEHOLDER)) {
    const name = inner.split('??')[0].trim();
    if (!PLACEHOLDERS.has(name) && !/^annotation:\S+$/.test(name)) {
      unknown.push(name);
    }
  }
  return unknown;
}

function resolve(inner: string, vars: Variables): string {
  const [head, ...rest] = inner.split('??');
  const name = head.trim();
  const fallback = rest.length ? rest.join('??').trim() : undefined;
  const value = vars[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new MissingValueError(`no value for {{${name}}}`);
  }
  if (
    (FROM_CATALOG.has(name) || name.startsWith('annotation:')) &&
    !SAFE_VALUE.test(value)
  ) {
    throw new UnsafeValueError(
      `{{${name}}} has characters that could change the request (quotes, braces, pipes, backslashes or line breaks)`,
    );
  }
  return value;
}

/**
 * Fills a template; `encode` escapes each value for where it goes (not
 * `clusterUrl`, which is the start of a URL).
 */
export function fill(
  template: string,
  vars: Variables,
  encode: (value: string) => string = v => v,
): string {
  return template.replace(PLACEHOLDER, (_, inner: string) => {
    const value = resolve(inner, vars);
    return inner.trim() === 'clusterUrl' ? value : encode(value);
  });
}

/**
 * Fills every string of a JSON body. A string that is one numeric
 * placeholder (`"{{fromMillis}}"`) becomes a number, as range queries
 * expect.
 */
export function fillJson(value: unknown, vars: Variables): unknown {
  if (typeof value === 'string') {
    const only = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(value);
    if (only && NUMERIC_PLACEHOLDERS.has(only[1].split('??')[0].trim())) {
      return Number(resolve(only[1], vars));
    }
    return fill(value, vars);
  }
  if (Array.isArray(value)) return value.map(v => fillJson(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillJson(v, vars)]),
    );
  }
  return value;
}
