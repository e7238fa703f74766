import {
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  checkBlamelessLanguage,
  NARRATIVE_SECTIONS,
  Perspective,
  Postmortem,
  PostmortemStage,
  ReviewProcess,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemStore } from '../database/PostmortemStore';
import { EntityResolver } from '../catalog/EntityResolver';
import { principalRef } from '../auth/principalRef';
import { DeadlinePolicy, deadlinesFor } from './deadlines';
import { LocatedFinding, UnmetGate, unmetGates } from './gates';
import { classifyTransition, ROLES_FOR, StageRole } from './stages';

/** A transition refused because gates are not met; the API lists them. */
export class GatesNotMetError extends ConflictError {
  constructor(readonly unmet: UnmetGate[]) {
    super(`The postmortem cannot go on yet: ${unmet.length} gate(s) not met`);
  }
}

export interface WorkflowSettings {
  /** The review process of each severity (all of them present). */
  processes: Record<Severity, ReviewProcess>;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Stages, roles, gates, approvals and blameless-language guidance. Roles are
 * the postmortem's own (incident commander, technical owners, reviewers,
 * given as users or groups); a principal holds a role through its user ref
 * or any of its groups.
 */
export class WorkflowEngine {
  constructor(
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly userInfo: UserInfoService,
    private readonly notifications: NotificationService | undefined,
    private readonly policy: DeadlinePolicy,
    private readonly settings: WorkflowSettings,
    private readonly logger: LoggerService,
  ) {}

  /** The review process of a postmortem, by its severity. */
  processFor(postmortem: Pick<Postmortem, 'severity'>): ReviewProcess {
    return this.settings.processes[postmortem.severity];
  }

  /** Adds the deadlines the policy gives, counted from resolution. */
  decorate(postmortem: Postmortem): Postmortem {
    return {
      ...postmortem,
      deadlines: deadlinesFor(
        this.policy,
        postmortem.severity,
        postmortem.resolvedAt ?? postmortem.createdAt,
      ),
    };
  }

  async claimsOf(credentials: BackstageCredentials): Promise<string[]> {
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user') return [];
    const info = await this.userInfo.getUserInfo(credentials);
    return [info.userEntityRef, ...info.ownershipEntityRefs].map(lower);
  }

  rolesHeld(postmortem: Postmortem, claims: string[]): Set<StageRole> {
    const mine = new Set(claims);
    const held = new Set<StageRole>();
    const r = postmortem.roles;
    if (r.incidentCommander && mine.has(lower(r.incidentCommander))) {
      held.add('incident_commander');
    }
    if (r.technicalOwners.some(o => mine.has(lower(o))))
      held.add('technical_owner');
    if (r.reviewers.some(o => mine.has(lower(o)))) held.add('reviewer');
    return held;
  }

  /** Blameless-language findings in everything people wrote. */
  async findings(postmortem: Postmortem): Promise<LocatedFinding[]> {
    const personNames = await this.entities.personNames();
    const texts: Array<[string, string]> = [
      ...NARRATIVE_SECTIONS.map((s): [string, string] => [
        `narrative.${s}`,
        postmortem.narrative[s] ?? '',
      ]),
      ...(await this.store.listSubRecords('causes', postmortem.id)).map(
        (c, i): [string, string] => [`causes[${i}]`, c.statement],
      ),
      ...(await this.store.listSubRecords('timeline', postmortem.id))
        .filter(e => e.source === 'manual')
        .map((e, i): [string, string] => [`timeline[${i}]`, e.text]),
    ];
    return texts.flatMap(([location, text]) =>
      checkBlamelessLanguage(text, { personNames }).map(f => ({
        ...f,
        location,
        key: `${location}:${f.rule}:${lower(f.text)}`,
      })),
    );
  }

  async gates(postmortem: Postmortem): Promise<UnmetGate[]> {
    const [causes, remediation, findings, waivers] = await Promise.all([
      this.store.listSubRecords('causes', postmortem.id),
      this.store.listSubRecords('remediation', postmortem.id),
      this.findings(postmortem),
      this.store.listWaivers(postmortem.id),
    ]);
    // Only the gates the severity's process holds it to.
    const gates = new Set<string>(this.processFor(postmortem).gates);
    return unmetGates({
      causes,
      remediation,
      findings,
      waivedKeys: new Set(waivers.map(w => w.findingKey)),
    }).filter(unmet => gates.has(unmet.gate));
  }

  async transition(
    postmortem: Postmortem,
    to: PostmortemStage,
    comment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const process = this.processFor(postmortem);
    const kind = classifyTransition(postmortem.stage, to, process.signOff);
    if (typeof kind !== 'string') throw new ConflictError(kind.refused);
    if (kind === 'approve') {
      return this.approve(postmortem, comment, credentials);
    }
    const held = this.rolesHeld(postmortem, await this.claimsOf(credentials));
    if (!ROLES_FOR[kind].some(role => held.has(role))) {
      throw new NotAllowedError(
        `Only the ${ROLES_FOR[kind]
          .join(' or ')
          .replace(/_/g, ' ')} may ${kind.replace('_', ' ')} this postmortem`,
      );
    }
    if (kind === 'send_back' && !comment?.trim()) {
      throw new InputError(
        'comment is required when sending a postmortem back',
      );
    }
    if (to === 'in_review' || kind === 'sign_off') {
      const unmet = await this.gates(postmortem);
      if (unmet.length) throw new GatesNotMetError(unmet);
    }
    const author = principalRef(credentials);
    const deadline = this.decorate(postmortem).deadlines.published;
    const updated = await this.store.updatePostmortem(
      postmortem.id,
      {
        stage: to,
        publishedOnTime:
          to === 'published' && deadline
            ? Date.now() <= Date.parse(deadline)
            : undefined,
      },
      { author, expectedRevision: postmortem.revision },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `stage.${kind}`,
      details: { from: postmortem.stage, to, ...(comment ? { comment } : {}) },
    });
    if (to === 'in_review') {
      await this.notify(updated, updated.roles.reviewers, {
        title: `${updated.humanId} is ready for review`,
        description: `${updated.title}: please review and approve or send it back.`,
      });
    }
    if (kind === 'send_back') {
      await this.notify(
        updated,
        [
          updated.roles.incidentCommander,
          ...updated.roles.technicalOwners,
        ].filter((r): r is string => Boolean(r)),
        {
          title: `${updated.humanId} was sent back`,
          description: comment ?? '',
        },
      );
    }
    return updated;
  }

  private async approve(
    postmortem: Postmortem,
    comment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const held = this.rolesHeld(postmortem, await this.claimsOf(credentials));
    if (!held.has('reviewer')) {
      throw new NotAllowedError('Only a reviewer may approve this postmortem');
    }
    const reviewer = principalRef(credentials);
    await this.store.addApproval(postmortem.id, {
      reviewer,
      revision: postmortem.revision,
      comment,
    });
    await this.store.addHistory(postmortem.id, {
      actor: reviewer,
      action: 'approval.given',
      details: { revision: postmortem.revision },
    });
    const current = (await this.store.listApprovals(postmortem.id)).filter(
      a => a.revision === postmortem.revision,
    );
    if (
      new Set(current.map(a => a.reviewer)).size <
      this.processFor(postmortem).requiredApprovals
    ) {
      return postmortem;
    }
    return this.store.updatePostmortem(
      postmortem.id,
      { stage: 'approved' },
      { author: reviewer, expectedRevision: postmortem.revision },
    );
  }

  /**
   * Content changed after approval needs approval again: the postmortem
   * goes back to review and earlier approvals no longer count (they name an
   * older revision).
   */
  async invalidateApproval(
    postmortemId: string,
    author: string,
    /** The postmortem as the change left it, when the caller has it. */
    written?: Pick<Postmortem, 'stage'>,
  ): Promise<boolean> {
    const postmortem =
      written ?? (await this.store.getPostmortem(postmortemId));
    if (!postmortem || !['approved', 'published'].includes(postmortem.stage))
      return false;
    await this.store.updatePostmortem(
      postmortemId,
      { stage: 'in_review' },
      { author },
    );
    await this.store.addHistory(postmortemId, {
      actor: author,
      action: 'approval.invalidated',
      details: { from: postmortem.stage },
    });
    return true;
  }

  async addComment(
    postmortem: Postmortem,
    input: { text: string; perspective: Perspective; section?: string },
    credentials: BackstageCredentials,
  ) {
    const author = principalRef(credentials);
    const comment = await this.store.addComment({
      postmortemId: postmortem.id,
      author,
      ...input,
    });
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: 'comment.added',
      details: {
        perspective: input.perspective,
        section: input.section ?? null,
      },
    });
    return comment;
  }

  async waive(
    postmortem: Postmortem,
    findingKey: string,
    reason: string,
    credentials: BackstageCredentials,
  ) {
    const held = this.rolesHeld(postmortem, await this.claimsOf(credentials));
    if (!held.has('reviewer')) {
      throw new NotAllowedError('Only a reviewer may waive a language finding');
    }
    const keys = new Set((await this.findings(postmortem)).map(f => f.key));
    if (!keys.has(findingKey)) {
      // Not echoed: the key is text from the request.
      throw new InputError('findingKey is not an open finding');
    }
    const by = principalRef(credentials);
    await this.store.addWaiver(postmortem.id, {
      findingKey,
      waivedBy: by,
      reason,
    });
    await this.store.addHistory(postmortem.id, {
      actor: by,
      action: 'language.waived',
      details: { findingKey, reason },
    });
  }

  async notify(
    postmortem: Postmortem,
    recipients: string[],
    payload: {
      title: string;
      description: string;
      severity?: 'high' | 'normal';
    },
  ) {
    if (!this.notifications || !recipients.length) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: payload.title,
          description: payload.description,
          link: `/postmortems/${postmortem.humanId}`,
          severity: payload.severity ?? 'normal',
          topic: 'postmortem',
        },
      });
    } catch (error) {
      this.logger.warn(
        `Notification for ${postmortem.humanId} failed: ${error}`,
      );
    }
  }
}
