import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  readDraftJobConfig,
  readDraftSettings,
  readOutboxConfig,
  readReminderConfig,
  readTrackerSyncConfig,
  readVerificationConfig,
  readWorkflowConfig,
} from './readConfig';

const config = (postmortem: object) => new ConfigReader({ postmortem });
const ms = (schedule: {
  frequency: Parameters<typeof durationToMilliseconds>[0];
}) => durationToMilliseconds(schedule.frequency);

describe('readConfig', () => {
  it('uses the defaults when nothing is configured, without warnings', () => {
    const logger = mockServices.logger.mock();
    const empty = config({});
    expect(ms(readDraftJobConfig(empty, logger))).toBe(15_000);
    expect(ms(readOutboxConfig(empty, logger))).toBe(60_000);
    expect(ms(readTrackerSyncConfig(empty, logger))).toBe(120_000);
    expect(ms(readVerificationConfig(empty, logger))).toBe(300_000);
    const reminders = readReminderConfig(empty, logger);
    expect(ms(reminders)).toBe(900_000);
    expect(reminders.settings).toEqual({
      approachingHours: 24,
      contributorWindowHours: 48,
      escalationHours: 24,
      reevaluationDays: 30,
    });
    expect(readDraftSettings(empty, logger)).toMatchObject({
      baselineMinutes: 360,
      changeLookbackMinutes: 1440,
      maxEvidenceChars: 65536,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads durations as strings, ISO strings and objects', () => {
    const logger = mockServices.logger.mock();
    const c = config({
      draft: { frequency: '30s', baseline: 'PT2H', onsetGrace: '90 seconds' },
      outbox: { frequency: { minutes: 2 } },
      trackers: { frequency: '1h' },
      verification: { frequency: 'PT10M' },
      reminders: {
        frequency: { minutes: 5 },
        approaching: '12h',
        contributorWindow: { days: 1 },
        escalation: '36h',
        reevaluation: { days: 14 },
      },
    });
    expect(ms(readDraftJobConfig(c, logger))).toBe(30_000);
    expect(ms(readOutboxConfig(c, logger))).toBe(120_000);
    expect(ms(readTrackerSyncConfig(c, logger))).toBe(3_600_000);
    expect(ms(readVerificationConfig(c, logger))).toBe(600_000);
    expect(readReminderConfig(c, logger)).toEqual({
      frequency: { milliseconds: 300_000 },
      settings: {
        approachingHours: 12,
        contributorWindowHours: 24,
        escalationHours: 36,
        reevaluationDays: 14,
      },
    });
    expect(readDraftSettings(c, logger)).toMatchObject({
      baselineMinutes: 120,
      onsetGraceMinutes: 1.5,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('keeps the old numeric keys working, with a deprecation warning naming the new key', () => {
    const logger = mockServices.logger.mock();
    const c = config({
      draft: { pollSeconds: 3600, baselineMinutes: 60 },
      outbox: { retrySeconds: 5 },
      trackers: { syncSeconds: 7 },
      verification: { checkSeconds: 1 },
      reminders: {
        frequencySeconds: 2,
        approachingHours: 6,
        reevaluationDays: 3,
      },
    });
    expect(ms(readDraftJobConfig(c, logger))).toBe(3_600_000);
    expect(ms(readOutboxConfig(c, logger))).toBe(5_000);
    expect(ms(readTrackerSyncConfig(c, logger))).toBe(7_000);
    expect(ms(readVerificationConfig(c, logger))).toBe(1_000);
    const reminders = readReminderConfig(c, logger);
    expect(ms(reminders)).toBe(2_000);
    expect(reminders.settings.approachingHours).toBe(6);
    expect(reminders.settings.reevaluationDays).toBe(3);
    expect(readDraftSettings(c, logger).baselineMinutes).toBe(60);

    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toContain(
      "Config key 'postmortem.draft.pollSeconds' is deprecated; use 'postmortem.draft.frequency' with a duration such as { seconds: 3600 } or '3600 seconds'",
    );
    expect(warnings).toContain(
      "Config key 'postmortem.reminders.reevaluationDays' is deprecated; use 'postmortem.reminders.reevaluation' with a duration such as { days: 3 } or '3 days'",
    );
    expect(warnings).toHaveLength(8);
  });

  it('prefers the new key when both are set and says the old one is ignored', () => {
    const logger = mockServices.logger.mock();
    const c = config({ trackers: { frequency: '10s', syncSeconds: 600 } });
    expect(ms(readTrackerSyncConfig(c, logger))).toBe(10_000);
    expect(logger.warn).toHaveBeenCalledWith(
      "Config key 'postmortem.trackers.syncSeconds' is deprecated and ignored, since 'postmortem.trackers.frequency' is set; remove it",
    );
  });

  it.each([
    [
      { draft: { frequency: 'soon' } },
      /Invalid duration 'soon' in config at 'postmortem.draft.frequency'/,
    ],
    [
      { draft: { frequency: '15' } },
      /postmortem.draft.frequency.*cannot be a plain number/,
    ],
    [
      { draft: { frequency: 15 } },
      /Failed to read duration from config.*postmortem.draft.frequency/,
    ],
    [
      { outbox: { frequency: { minuets: 5 } } },
      /at 'postmortem.outbox.frequency'.*Needs one or more of/,
    ],
    [
      { trackers: { frequency: '0s' } },
      /'postmortem.trackers.frequency': it must be longer than zero/,
    ],
    [
      { trackers: { syncSeconds: -5 } },
      /'postmortem.trackers.syncSeconds': it must be longer than zero/,
    ],
    [
      { verification: { checkSeconds: 'often' } },
      /postmortem.verification.checkSeconds/,
    ],
  ])('stops with an error naming the key for %j', (postmortem, message) => {
    const logger = mockServices.logger.mock();
    const c = config(postmortem);
    const readAll = () => {
      readDraftJobConfig(c, logger);
      readOutboxConfig(c, logger);
      readTrackerSyncConfig(c, logger);
      readVerificationConfig(c, logger);
    };
    expect(readAll).toThrow(message);
  });

  it('rejects a deadline for an unknown severity or stage', () => {
    expect(() =>
      readWorkflowConfig(config({ workflow: { deadlines: { SEV9: {} } } })),
    ).toThrow('postmortem.workflow.deadlines.SEV9 is not a severity');
    expect(() =>
      readWorkflowConfig(
        config({ workflow: { deadlines: { SEV1: { drafting: 2 } } } }),
      ),
    ).toThrow('postmortem.workflow.deadlines.SEV1.drafting is not a stage');
    expect(
      readWorkflowConfig(
        config({
          workflow: { requiredApprovals: 2, deadlines: { SEV1: { draft: 2 } } },
        }),
      ),
    ).toMatchObject({ requiredApprovals: 2, policy: { SEV1: { draft: 2 } } });
  });

  it('reads the review process of each severity, full review by default', () => {
    const { processes } = readWorkflowConfig(
      config({
        workflow: {
          requiredApprovals: 2,
          severities: {
            SEV4: {
              signOff: 'incidentCommander',
              gates: ['direct_cause', 'blameless_language'],
            },
            SEV5: { signOff: 'incidentCommander', gates: [] },
            SEV3: { requiredApprovals: 1 },
          },
        },
      }),
    );
    expect(processes.SEV1).toEqual({
      signOff: 'reviewers',
      requiredApprovals: 2,
      gates: [
        'direct_cause',
        'systemic_cause',
        'cause_evidence',
        'rollback_plan',
        'remediation_items',
        'remediation_complete',
        'blameless_language',
      ],
    });
    expect(processes.SEV3.requiredApprovals).toBe(1);
    expect(processes.SEV4).toEqual({
      signOff: 'incident_commander',
      requiredApprovals: 0,
      gates: ['direct_cause', 'blameless_language'],
    });
    expect(processes.SEV5.gates).toEqual([]);

    const workflow = (severities: object) =>
      config({ workflow: { severities } });
    expect(() => readWorkflowConfig(workflow({ SEV9: {} }))).toThrow(
      'postmortem.workflow.severities.SEV9 is not a severity',
    );
    expect(() =>
      readWorkflowConfig(workflow({ SEV4: { signOff: 'nobody' } })),
    ).toThrow('postmortem.workflow.severities.SEV4.signOff must be');
    expect(() =>
      readWorkflowConfig(workflow({ SEV4: { gates: ['vibes'] } })),
    ).toThrow('postmortem.workflow.severities.SEV4.gates: vibes is not a gate');
  });
});
