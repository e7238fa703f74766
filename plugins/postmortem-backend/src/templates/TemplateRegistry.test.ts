import { ConfigReader } from '@backstage/config';
import { TemplateRegistry } from './TemplateRegistry';

const template = (id: string, extra: object = {}) => ({
  id,
  title: id,
  sections: [{ id: 'summary', title: 'Summary' }],
  ...extra,
});

const registry = (templates: object[]) =>
  TemplateRegistry.fromConfig(new ConfigReader({ postmortem: { templates } }));

describe('TemplateRegistry', () => {
  const templates = registry([
    template('sev1', { severities: ['SEV1'] }),
    template('security', { types: ['security'] }),
    template('security-sev1', { types: ['security'], severities: ['SEV1'] }),
  ]);
  const pick = (severity: 'SEV1' | 'SEV3', type?: string) =>
    templates.select(severity, type).id;

  it('prefers type and severity, then type, then severity, then the default', () => {
    expect(pick('SEV1', 'security')).toBe('security-sev1');
    expect(pick('SEV3', 'security')).toBe('security');
    expect(pick('SEV1', 'availability')).toBe('sev1');
    expect(pick('SEV1')).toBe('sev1');
    expect(pick('SEV3', 'availability')).toBe('default');
  });

  it('takes a template asked for by id, and names the known ones otherwise', () => {
    expect(templates.select('SEV3', 'security', 'sev1').id).toBe('sev1');
    expect(() => templates.select('SEV3', undefined, 'nope')).toThrow(
      "templateId 'nope' is not a known template; known: sev1, security, security-sev1, default",
    );
  });

  it('uses the first unrestricted configured template before the shipped one', () => {
    expect(registry([template('ours')]).select('SEV4').id).toBe('ours');
  });

  it('refuses types that are not slugs', () => {
    expect(() => registry([template('x', { types: ['Data Loss'] })])).toThrow(
      "postmortem.templates[x] has an invalid type 'Data Loss'",
    );
  });
});
