import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the postmortem suite. */
  postmortem?: {
    /**
     * Largest JSON request body the API accepts; larger bodies get 413.
     * A size string such as '1mb'.
     */
    maxBodySize?: string;
    /**
     * How many dependsOn hops the "include dependencies" filters follow.
     * Default 3.
     */
    dependencyDepth?: number;
    /** Load demo incidents for the demo catalog (local evaluation only). */
    demoData?: boolean;
    /** Deployments and config changes: POST /api/postmortem/webhooks/changes */
    changes?: {
      /**
       * Bearer token CI/CD systems send.
       * @visibility secret
       */
      token?: string;
    };
    /** Draft generation. */
    draft?: {
      /** How often the draft job looks for requested drafts. Default 15 seconds. */
      frequency?: HumanDuration | string;
      /** @deprecated Use `frequency`. Seconds. */
      pollSeconds?: number;
      /**
       * History fetched before the alert, from which each series' baseline
       * is taken (it ends where the series starts to deviate). Default 6 hours.
       */
      baseline?: HumanDuration | string;
      /** @deprecated Use `baseline`. Minutes. */
      baselineMinutes?: number;
      /** Evidence window after resolution. Default 15 minutes. */
      evidenceMarginAfter?: HumanDuration | string;
      /** @deprecated Use `evidenceMarginAfter`. Minutes. */
      evidenceMarginAfterMinutes?: number;
      /** How far before impact start changes count as hypotheses. Default 1 day. */
      changeLookback?: HumanDuration | string;
      /** @deprecated Use `changeLookback`. Minutes. */
      changeLookbackMinutes?: number;
      /**
       * Proximity tie-break: only between changes whose metrics cannot tell
       * them apart, a change this much earlier weighs at most 5 % less.
       * Default 30 minutes.
       */
      hypothesisHalfLife?: HumanDuration | string;
      /** @deprecated Use `hypothesisHalfLife`. Minutes. */
      hypothesisHalfLifeMinutes?: number;
      /** A deviation may start this long after the alert. Default 1 minute. */
      onsetGrace?: HumanDuration | string;
      /** @deprecated Use `onsetGrace`. Minutes. */
      onsetGraceMinutes?: number;
      /** Time to detect above which a detection-gap item is proposed. Default 5 minutes. */
      detectionGap?: HumanDuration | string;
      /** @deprecated Use `detectionGap`. Minutes. */
      detectionGapMinutes?: number;
      /** Largest evidence content kept, in characters. Default 65536. */
      maxEvidenceChars?: number;
      /**
       * The language the draft's text (narrative, reasoning, first
       * remediation items) is written in: 'en' (default) or 'de'.
       */
      language?: 'en' | 'de';
    };
    /** Masking of secrets and personal data before anything is stored. */
    redaction?: {
      /** Kinds not to mask, e.g. ['ipv4']. */
      disabledKinds?: string[];
      /** Extra patterns, each a regular expression; the name is the kind. */
      extraPatterns?: Array<{ name: string; pattern: string }>;
    };
    /** Verification of done remediation items. */
    verification?: {
      /**
       * Prometheus for automated checks, read by the Prometheus module;
       * defaults to postmortem.prometheus.baseUrl.
       */
      prometheusBaseUrl?: string;
      /** How often done items are checked. Default 5 minutes. */
      frequency?: HumanDuration | string;
      /** @deprecated Use `frequency`. Seconds. */
      checkSeconds?: number;
    };
    /** Remediation trackers (GitHub, Jira modules). */
    trackers?: {
      /** How often tickets are filed and their state pulled. Default 2 minutes. */
      frequency?: HumanDuration | string;
      /** @deprecated Use `frequency`. Seconds. */
      syncSeconds?: number;
    };
    /** The review workflow. */
    workflow?: {
      /** Distinct reviewers whose approval is needed. Default 1. */
      requiredApprovals?: number;
      /**
       * Business days to complete each stage, by severity, from resolution,
       * e.g. { SEV1: { draft: 1, in_review: 3, published: 5 } }.
       */
      deadlines?: {
        [severity: string]: { [stage: string]: number };
      };
      /**
       * The review process by severity, e.g. { SEV5: { signOff:
       * incidentCommander, gates: [blameless_language] } }: `signOff` is
       * `reviewers` (review, approval, publishing; the default) or
       * `incidentCommander` (published on the incident commander's sign-off,
       * without review); `requiredApprovals` overrides the default for
       * reviewers; `gates` lists the gates checked before review or sign-off
       * (all by default).
       */
      severities?: {
        [severity: string]: {
          signOff?: 'reviewers' | 'incidentCommander';
          requiredApprovals?: number;
          gates?: string[];
        };
      };
    };
    /** Webhook intake from alerting tools and CI/CD. */
    intake?: {
      /**
       * When no entity carries the annotation an alert's hint is matched
       * against (e.g. the `service` label against
       * `postmortem.io/alert-service`), map it to the component, resource
       * or system of that name. Default true.
       */
      entityNameFallback?: boolean;
    };
    /**
     * Notifications caused by a write (reminders, recurrence notices) are
     * recorded with it and sent after commit; a job sends what a crash or
     * a failed send left behind.
     */
    outbox?: {
      /** How often the job looks for unsent notifications. Default 1 minute. */
      frequency?: HumanDuration | string;
      /** @deprecated Use `frequency`. Seconds. */
      retrySeconds?: number;
    };
    /** Reminders through the notifications service. */
    reminders?: {
      /** How often the reminder job runs. Default 15 minutes. */
      frequency?: HumanDuration | string;
      /** @deprecated Use `frequency`. Seconds. */
      frequencySeconds?: number;
      /** Remind this long before a deadline or due date. Default 24 hours. */
      approaching?: HumanDuration | string;
      /** @deprecated Use `approaching`. Hours. */
      approachingHours?: number;
      /** Remind asked contributors after this long. Default 48 hours. */
      contributorWindow?: HumanDuration | string;
      /** @deprecated Use `contributorWindow`. Hours. */
      contributorWindowHours?: number;
      /** Ask the commander whether the outcome held this long after the last item is verified. Default 30 days. */
      reevaluation?: HumanDuration | string;
      /** @deprecated Use `reevaluation`. Days. */
      reevaluationDays?: number;
      /** Escalate to the incident commander this long after a miss. Default 24 hours. */
      escalation?: HumanDuration | string;
      /** @deprecated Use `escalation`. Hours. */
      escalationHours?: number;
    };
    /**
     * Postmortem templates in addition to the shipped default, chosen per
     * incident type and severity unless a template is asked for by id.
     */
    templates?: Array<{
      id: string;
      /** Bump when sections change; each postmortem records the version it used. */
      version?: number;
      title: string;
      severities?: Array<'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5'>;
      /**
       * Incident types (lowercase slugs such as `security`) this template is
       * for. A template for the incident's type wins over one for its
       * severity only.
       */
      types?: string[];
      sections: Array<{
        /** One of summary, impact, whatHappened, whyItHappened, whatChanged, lessonsLearned, glossary. */
        id: string;
        title: string;
        prompt?: string;
      }>;
      glossary?: { [term: string]: string };
    }>;
  };
}
