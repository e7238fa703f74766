import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');

// Backstage's own name rule, plus the stricter one we want outside of users.
const BACKSTAGE_NAME = /^([a-zA-Z0-9]+[-_.])*[a-zA-Z0-9]+$/;
const STRICT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const ANNOTATION_ALERT_SERVICE = 'postmortem.io/alert-service';
const ANNOTATION_PAGERDUTY = 'pagerduty.com/service-id';
const ANNOTATION_GITHUB = 'github.com/project-slug';
const ANNOTATION_JIRA = 'jira/project-key';

const kindValidators: Record<string, KindValidator> = {
  api: apiEntityV1alpha1Validator,
  component: componentEntityV1alpha1Validator,
  domain: domainEntityV1alpha1Validator,
  group: groupEntityV1alpha1Validator,
  resource: resourceEntityV1alpha1Validator,
  system: systemEntityV1alpha1Validator,
  user: userEntityV1alpha1Validator,
};

function loadEntities(file: string): Entity[] {
  const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
  return parseAllDocuments(text).map((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(
        `${file} document #${index + 1}: ${doc.errors
          .map(e => e.message)
          .join('; ')}`,
      );
    }
    return doc.toJS() as Entity;
  });
}

const orgEntities = loadEntities('org.yaml');
const catalogEntities = loadEntities('entities.yaml');
const all = [...orgEntities, ...catalogEntities];

const ofKind = (kind: string) =>
  all.filter(e => e.kind.toLocaleLowerCase('en-US') === kind);
const spec = (e: Entity) => (e.spec ?? {}) as Record<string, any>;
const refOf = (e: Entity) => stringifyEntityRef(e);
const refList = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : [];

const knownRefs = new Set(all.map(refOf));

/** Resolves a ref like Backstage does; throws if the kind cannot be determined. */
function resolveRef(ref: string, defaultKind?: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}

/** Builds the dependsOn graph: entity ref -> resolved refs it depends on. */
function dependencyGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entity of all) {
    graph.set(
      refOf(entity),
      refList(spec(entity).dependsOn).map(ref => resolveRef(ref)),
    );
  }
  return graph;
}

/**
 * Longest path (counted in edges) through the dependsOn graph, found by DFS
 * with memoization. Throws on a cycle.
 */
function longestChain(graph: Map<string, string[]>): string[] {
  const best = new Map<string, string[]>();
  const visiting = new Set<string>();

  const visit = (node: string, trail: string[]): string[] => {
    const memo = best.get(node);
    if (memo) {
      return memo;
    }
    if (visiting.has(node)) {
      throw new Error(`dependency cycle: ${[...trail, node].join(' -> ')}`);
    }
    visiting.add(node);
    let longest: string[] = [node];
    for (const next of graph.get(node) ?? []) {
      const candidate = [node, ...visit(next, [...trail, node])];
      if (candidate.length > longest.length) {
        longest = candidate;
      }
    }
    visiting.delete(node);
    best.set(node, longest);
    return longest;
  };

  let overall: string[] = [];
  for (const node of graph.keys()) {
    const chain = visit(node, []);
    if (chain.length > overall.length) {
      overall = chain;
    }
  }
  return overall;
}

describe('demo catalog (examples/*.yaml)', () => {
  it('has the expected number of entities per kind', () => {
    expect(orgEntities.every(e => ['Group', 'User'].includes(e.kind))).toBe(
      true,
    );
    expect(ofKind('group')).toHaveLength(6);
    expect(ofKind('user')).toHaveLength(15);
    expect(ofKind('domain')).toHaveLength(2);
    expect(ofKind('system')).toHaveLength(6);
    expect(ofKind('component')).toHaveLength(30);
    expect(ofKind('resource')).toHaveLength(10);
    expect(ofKind('api')).toHaveLength(10);
    expect(all).toHaveLength(6 + 15 + 2 + 6 + 30 + 10 + 10);

    const components = ofKind('component');
    const countType = (type: string) =>
      components.filter(c => spec(c).type === type).length;
    expect(countType('service')).toBeGreaterThanOrEqual(18);
    expect(countType('website')).toBeGreaterThanOrEqual(4);
    expect(countType('library')).toBeGreaterThanOrEqual(4);
    expect(
      countType('service') + countType('website') + countType('library'),
    ).toBe(30);

    expect(
      ofKind('domain')
        .map(d => d.metadata.name)
        .sort(),
    ).toEqual(['commerce', 'logistics']);
    const resourceTypes = new Set(ofKind('resource').map(r => spec(r).type));
    for (const type of ['database', 'queue', 'cache', 'bucket']) {
      expect(resourceTypes).toContain(type);
    }
    for (const api of ofKind('api')) {
      expect(['openapi', 'grpc', 'asyncapi']).toContain(spec(api).type);
    }
  });

  it('contains only valid entities', async () => {
    const policy = EntityPolicies.allOf([
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    for (const entity of all) {
      const label = `${entity.kind} ${entity.metadata?.name}`;
      expect({ label, apiVersion: entity.apiVersion }).toEqual({
        label,
        apiVersion: 'backstage.io/v1alpha1',
      });
      const name = entity.metadata.name;
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(
        entity.kind === 'User' ? BACKSTAGE_NAME : STRICT_NAME,
      );
      expect(typeof entity.metadata.description).toBe('string');
      expect(entity.metadata.description).not.toMatch(/\n/);
      expect(entity.metadata.tags?.length ?? 0).toBeGreaterThan(0);
      for (const tag of entity.metadata.tags ?? []) {
        expect(tag).toMatch(TAG);
      }
      expect(entity.metadata.annotations ?? {}).not.toHaveProperty(
        'backstage.io/techdocs-ref',
      );

      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const validator = kindValidators[entity.kind.toLocaleLowerCase('en-US')];
      expect(validator).toBeDefined();
      await expect(validator.check(entity)).resolves.toBe(true);
    }
  });

  it('has unique names per kind', () => {
    const refs = all.map(refOf);
    const duplicates = refs.filter((ref, i) => refs.indexOf(ref) !== i);
    expect(duplicates).toEqual([]);
  });

  it('has only references that resolve', () => {
    const unresolved: string[] = [];
    const check = (from: Entity, field: string, ref: string, kind?: string) => {
      let resolved: string;
      try {
        resolved = resolveRef(ref, kind);
      } catch (error) {
        unresolved.push(`${refOf(from)} ${field}: ${ref} (${error})`);
        return;
      }
      if (!knownRefs.has(resolved)) {
        unresolved.push(`${refOf(from)} ${field}: ${ref} -> ${resolved}`);
      }
    };

    for (const entity of all) {
      const s = spec(entity);
      // dependsOn has no default kind: a kind-less ref is an error
      for (const ref of refList(s.dependsOn)) check(entity, 'dependsOn', ref);
      for (const ref of refList(s.providesApis)) {
        check(entity, 'providesApis', ref, 'api');
      }
      for (const ref of refList(s.consumesApis)) {
        check(entity, 'consumesApis', ref, 'api');
      }
      for (const ref of refList(s.memberOf)) {
        check(entity, 'memberOf', ref, 'group');
      }
      for (const ref of refList(s.children)) {
        check(entity, 'children', ref, 'group');
      }
      if (s.owner !== undefined) check(entity, 'owner', s.owner, 'group');
      if (s.system !== undefined) check(entity, 'system', s.system, 'system');
      if (s.domain !== undefined) check(entity, 'domain', s.domain, 'domain');
      if (s.parent !== undefined) check(entity, 'parent', s.parent, 'group');
    }
    expect(unresolved).toEqual([]);

    const missing = (kinds: string[], field: string) =>
      kinds
        .flatMap(kind => ofKind(kind))
        .filter(entity => typeof spec(entity)[field] !== 'string')
        .map(entity => `${refOf(entity)} has no ${field}`);
    expect([
      ...missing(['component', 'resource', 'api', 'system', 'domain'], 'owner'),
      ...missing(['component', 'resource', 'api'], 'system'),
      ...missing(['system'], 'domain'),
    ]).toEqual([]);
  });

  it('gives every group at least two members', () => {
    const members = new Map<string, number>();
    for (const user of ofKind('user')) {
      const memberOf = refList(spec(user).memberOf);
      expect(memberOf.length).toBeGreaterThanOrEqual(1);
      expect(memberOf.length).toBeLessThanOrEqual(2);
      expect(spec(user).profile?.email).toMatch(/@northwind\.example$/);
      expect(typeof spec(user).profile?.displayName).toBe('string');
      for (const ref of memberOf) {
        const group = resolveRef(ref, 'group');
        members.set(group, (members.get(group) ?? 0) + 1);
      }
    }
    const understaffed = ofKind('group')
      .map(refOf)
      .filter(group => (members.get(group) ?? 0) < 2);
    expect(understaffed).toEqual([]);
  });

  it('has deep, acyclic dependency chains', () => {
    const chain = longestChain(dependencyGraph());
    // chain holds nodes; hops are the edges between them
    expect(chain.length - 1).toBeGreaterThanOrEqual(4);
    expect(chain[0]).toMatch(/^component:/);
  });

  it('detects cycles and measures chains correctly', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', []],
      ['d', ['e']],
      ['e', []],
    ]);
    expect(longestChain(graph)).toEqual(['a', 'b', 'd', 'e']);
    graph.set('e', ['a']);
    expect(() => longestChain(graph)).toThrow(/cycle/);
  });

  it('has shared dependencies', () => {
    const dependents = new Map<string, Set<string>>();
    for (const component of ofKind('component')) {
      for (const ref of refList(spec(component).dependsOn)) {
        const target = resolveRef(ref);
        if (!dependents.has(target)) dependents.set(target, new Set());
        dependents.get(target)!.add(refOf(component));
      }
    }
    const resourceUse = ofKind('resource').map(
      r => dependents.get(refOf(r))?.size ?? 0,
    );
    expect(Math.max(...resourceUse)).toBeGreaterThanOrEqual(6);
    expect(
      dependents.get('resource:default/orders-db')?.size ?? 0,
    ).toBeGreaterThanOrEqual(6);
    expect(
      dependents.get('resource:default/session-cache')?.size ?? 0,
    ).toBeGreaterThanOrEqual(3);
  });

  it('has every API provided by one component and consumed by others', () => {
    for (const api of ofKind('api')) {
      const ref = refOf(api);
      const providers = ofKind('component').filter(c =>
        refList(spec(c).providesApis).some(r => resolveRef(r, 'api') === ref),
      );
      const consumers = ofKind('component').filter(c =>
        refList(spec(c).consumesApis).some(r => resolveRef(r, 'api') === ref),
      );
      expect({ api: ref, providers: providers.length }).toEqual({
        api: ref,
        providers: 1,
      });
      expect(consumers.length).toBeGreaterThanOrEqual(1);
      expect(consumers).not.toContain(providers[0]);
      expect(typeof spec(api).definition).toBe('string');
      expect(spec(api).definition.trim().length).toBeGreaterThan(0);
    }
  });

  it('annotates every service and website for alert and tracker mapping', () => {
    const pagerDutyIds: string[] = [];
    const alertServices: string[] = [];
    const runnable = ofKind('component').filter(c =>
      ['service', 'website'].includes(spec(c).type),
    );
    expect(runnable.length).toBeGreaterThanOrEqual(22);
    for (const component of runnable) {
      const name = component.metadata.name;
      const annotations = component.metadata.annotations ?? {};
      expect({ name, alert: annotations[ANNOTATION_ALERT_SERVICE] }).toEqual({
        name,
        alert: name,
      });
      expect({ name, pd: annotations[ANNOTATION_PAGERDUTY] }).toEqual({
        name,
        pd: expect.stringMatching(/^P[A-Z0-9]{6}$/),
      });
      expect({ name, slug: annotations[ANNOTATION_GITHUB] }).toEqual({
        name,
        slug: `northwind/${name}`,
      });
      expect({ name, jira: annotations[ANNOTATION_JIRA] }).toEqual({
        name,
        jira: expect.stringMatching(/^[A-Z]{2,4}$/),
      });
      pagerDutyIds.push(annotations[ANNOTATION_PAGERDUTY]);
      alertServices.push(annotations[ANNOTATION_ALERT_SERVICE]);
    }
    for (const resource of ofKind('resource')) {
      expect(resource.metadata.annotations?.[ANNOTATION_ALERT_SERVICE]).toBe(
        resource.metadata.name,
      );
      alertServices.push(
        resource.metadata.annotations![ANNOTATION_ALERT_SERVICE],
      );
    }
    expect(new Set(pagerDutyIds).size).toBe(pagerDutyIds.length);
    expect(new Set(alertServices).size).toBe(alertServices.length);
  });

  it('defines checkout-service as the browser tests expect', () => {
    const checkout = ofKind('component').find(
      c => c.metadata.name === 'checkout-service',
    );
    expect(checkout).toBeDefined();
    const s = spec(checkout!);
    expect(s.type).toBe('service');
    expect(resolveRef(s.owner, 'group')).toBe('group:default/checkout-team');
    expect(resolveRef(s.system, 'system')).toBe('system:default/checkout');
    expect(refList(s.dependsOn).map(ref => resolveRef(ref))).toEqual(
      expect.arrayContaining([
        'component:default/payments-service',
        'component:default/inventory-service',
        'resource:default/orders-db',
        'resource:default/session-cache',
      ]),
    );
  });
});
