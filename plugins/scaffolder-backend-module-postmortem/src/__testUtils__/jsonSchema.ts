/**
 * Checks a value against the subset of JSON schema that action inputs and
 * template parameters here use (type, enum, required, properties,
 * additionalProperties, items, lengths, bounds, pattern), returning the
 * problems found. The scaffolder validates action input the same way before
 * it runs an action.
 */
export function validate(
  value: unknown,
  schema: any,
  path = 'input',
): string[] {
  if (value === undefined) return [];
  const problems: string[] = [];
  const type = schema.type;
  const typeOk =
    type === undefined ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'number' && typeof value === 'number') ||
    (type === 'integer' && Number.isInteger(value)) ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'array' && Array.isArray(value)) ||
    (type === 'object' &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value));
  if (!typeOk) {
    return [`${path} is not of type ${type}: ${JSON.stringify(value)}`];
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${path} is not one of ${schema.enum.join(', ')}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      problems.push(`${path} is shorter than ${schema.minLength}`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      problems.push(`${path} is longer than ${schema.maxLength}`);
    }
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) {
      problems.push(`${path} does not match ${schema.pattern}`);
    }
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) {
      problems.push(`${path} is not a date-time`);
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      problems.push(`${path} is below ${schema.minimum}`);
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      problems.push(`${path} is above ${schema.maximum}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      problems.push(`${path} has fewer than ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      problems.push(`${path} has more than ${schema.maxItems} items`);
    }
    if (schema.items) {
      value.forEach((item, i) =>
        problems.push(...validate(item, schema.items, `${path}[${i}]`)),
      );
    }
  }
  if (type === 'object' || schema.properties) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (object[key] === undefined) {
        problems.push(`${path}.${key} is required`);
      }
    }
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties?.[key];
      if (property) {
        problems.push(...validate(item, property, `${path}.${key}`));
      } else if (schema.additionalProperties === false) {
        problems.push(`${path}.${key} is not allowed`);
      }
    }
  }
  return problems;
}
