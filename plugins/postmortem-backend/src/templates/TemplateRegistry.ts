import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  INCIDENT_TYPE_PATTERN,
  NARRATIVE_SECTIONS,
  NarrativeSection,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';

/** A postmortem template: which sections to write and what to ask in each. */
export interface PostmortemTemplate {
  id: string;
  version: number;
  title: string;
  /** Severities this template is chosen for by default; empty means any. */
  severities?: Severity[];
  /** Incident types this template is chosen for by default; empty means any. */
  types?: string[];
  sections: Array<{ id: NarrativeSection; title: string; prompt: string }>;
  glossary?: Record<string, string>;
}

/** Ships with the plugin; adopters add their own in app-config.yaml. */
export const DEFAULT_TEMPLATE: PostmortemTemplate = {
  id: 'default',
  version: 1,
  title: 'Blameless postmortem',
  sections: [
    {
      id: 'summary',
      title: 'Summary',
      prompt:
        'What happened, in two or three sentences a newcomer understands.',
    },
    {
      id: 'impact',
      title: 'Impact',
      prompt:
        'Who and what was affected, for how long, and how we know (customers, requests, revenue, SLOs).',
    },
    {
      id: 'whatHappened',
      title: 'What happened',
      prompt:
        'The story from the first signal to recovery: what people saw, decided and did, and why it made sense then.',
    },
    {
      id: 'whyItHappened',
      title: 'Why it happened',
      prompt:
        'Direct and systemic causes, each backed by evidence. Describe conditions and systems, not people.',
    },
    {
      id: 'whatChanged',
      title: 'What changed as a result',
      prompt:
        'What we fixed, what we will change, and how we will know it worked.',
    },
    {
      id: 'lessonsLearned',
      title: 'Lessons learned',
      prompt: 'What went well, what was hard, where we got lucky.',
    },
    {
      id: 'glossary',
      title: 'Glossary',
      prompt: 'Terms a reader from another team needs.',
    },
  ],
  glossary: {
    MTTD: 'Mean time to detect: from impact start to detection.',
    MTTR: 'Mean time to restore: from impact start to resolution.',
    'Direct cause':
      'The condition that, once changed, would have prevented this incident.',
    'Systemic cause':
      'A property of the system or organisation that made the direct cause possible or likely.',
  },
};

/** The shipped default template plus those configured under `postmortem.templates`. */
export class TemplateRegistry {
  static fromConfig(config: Config): TemplateRegistry {
    const configured = (
      config.getOptionalConfigArray('postmortem.templates') ?? []
    ).map(t => {
      const id = t.getString('id');
      const sections = t.getConfigArray('sections').map(s => {
        const sectionId = s.getString('id');
        if (!NARRATIVE_SECTIONS.includes(sectionId as NarrativeSection)) {
          throw new Error(
            `postmortem.templates[${id}] has an unknown section '${sectionId}'; use one of ${NARRATIVE_SECTIONS.join(
              ', ',
            )}`,
          );
        }
        return {
          id: sectionId as NarrativeSection,
          title: s.getString('title'),
          prompt: s.getOptionalString('prompt') ?? '',
        };
      });
      const severities = t.getOptionalStringArray('severities') ?? [];
      for (const severity of severities) {
        if (!SEVERITIES.includes(severity as Severity)) {
          throw new Error(
            `postmortem.templates[${id}] has an unknown severity '${severity}'`,
          );
        }
      }
      const types = t.getOptionalStringArray('types') ?? [];
      for (const type of types) {
        if (!INCIDENT_TYPE_PATTERN.test(type)) {
          throw new Error(
            `postmortem.templates[${id}] has an invalid type '${type}'; use a lowercase slug such as security or data-loss`,
          );
        }
      }
      const glossary = t.getOptionalConfig('glossary');
      return {
        id,
        version: t.getOptionalNumber('version') ?? 1,
        title: t.getString('title'),
        severities: severities as Severity[],
        types,
        sections,
        glossary: glossary
          ? Object.fromEntries(
              glossary.keys().map(k => [k, glossary.getString(k)]),
            )
          : undefined,
      };
    });
    return new TemplateRegistry([...configured, DEFAULT_TEMPLATE]);
  }

  private constructor(private readonly templates: PostmortemTemplate[]) {}

  list(): PostmortemTemplate[] {
    return this.templates;
  }

  /**
   * The template asked for, else the first one meant for this incident: a
   * template restricted to the incident's type wins over one restricted to
   * its severity only, which wins over an unrestricted one; a template whose
   * restriction does not match is never chosen.
   */
  select(
    severity: Severity,
    type?: string,
    templateId?: string,
  ): PostmortemTemplate {
    if (templateId) {
      const template = this.templates.find(t => t.id === templateId);
      if (!template) {
        throw new InputError(
          `templateId '${templateId}' is not a known template; known: ${this.templates
            .map(t => t.id)
            .join(', ')}`,
        );
      }
      return template;
    }
    let best = DEFAULT_TEMPLATE;
    let bestScore = -1;
    for (const t of this.templates) {
      const byType = Boolean(t.types?.length);
      const bySeverity = Boolean(t.severities?.length);
      if (byType && !(type && t.types!.includes(type))) continue;
      if (bySeverity && !t.severities!.includes(severity)) continue;
      const score = (byType ? 2 : 0) + (bySeverity ? 1 : 0);
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }
}
