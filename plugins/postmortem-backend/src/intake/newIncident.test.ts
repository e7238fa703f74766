import { ConfigReader } from '@backstage/config';
import { Redactor } from '../redaction/Redactor';
import { TemplateRegistry } from '../templates/TemplateRegistry';
import { buildNewIncident, IncidentDeclaration } from './newIncident';

const context = {
  templates: TemplateRegistry.fromConfig(new ConfigReader({})),
  redactor: Redactor.fromConfig(new ConfigReader({})),
};

const declaration: IncidentDeclaration = {
  title: 'Checkout 5xx',
  severity: 'SEV2',
  status: 'declared',
  entityRefs: ['component:default/checkout-service'],
  responders: [],
  links: [],
  source: 'manual',
  externalIds: {},
  labels: {},
  ownerRefs: ['group:default/checkout-team'],
  author: 'user:default/ada.okafor',
};

describe('buildNewIncident', () => {
  it('redacts the title and label values, whoever declares', () => {
    const secret = 'ghp_4Yx1a9QeLr0Zb7Vn2Kc8Wd3Fs6Hj5Tm1Pq0R';
    const built = buildNewIncident(
      {
        ...declaration,
        title: `Leaked ${secret} in logs`,
        labels: { note: `token=${secret}` },
      },
      context,
    );
    expect(built.title).toContain('Leaked');
    expect(JSON.stringify(built)).not.toContain(secret);
  });

  it('refuses a NUL character, naming the field', () => {
    expect(() =>
      buildNewIncident(
        { ...declaration, labels: { team: 'check\u0000out' } },
        context,
      ),
    ).toThrow('labels.team must not contain NUL characters');
    expect(() =>
      buildNewIncident({ ...declaration, dedupKey: 'a\u0000' }, context),
    ).toThrow('dedupKey must not contain NUL characters');
  });

  it('takes the commander from the roles, else from a responder in that role', () => {
    const responders = [
      { userRef: 'user:default/liam.chen', role: 'incident_commander' },
    ] as IncidentDeclaration['responders'];
    expect(
      buildNewIncident({ ...declaration, responders }, context).postmortem.roles
        .incidentCommander,
    ).toBe('user:default/liam.chen');
    expect(
      buildNewIncident(
        {
          ...declaration,
          responders,
          roles: { incidentCommander: 'user:default/ada.okafor' },
        },
        context,
      ).postmortem.roles,
    ).toEqual({
      incidentCommander: 'user:default/ada.okafor',
      technicalOwners: [],
      reviewers: [],
      contributors: [],
    });
  });

  it('normalises the type and picks the template by severity and type', () => {
    const built = buildNewIncident(
      { ...declaration, type: 'Data_Loss' },
      context,
    );
    expect(built.type).toBe('data-loss');
    const expected = context.templates.select('SEV2', 'data-loss');
    expect(built.postmortem.templateId).toBe(expected.id);
    expect(built.postmortem.ownerRefs).toEqual(['group:default/checkout-team']);
  });
});
