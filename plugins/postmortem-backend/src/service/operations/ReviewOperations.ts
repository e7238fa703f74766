import {
  Perspective,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import { CallOptions } from '../PostmortemService';
import { ServiceArea } from './ServiceArea';

/**
 * The review of a postmortem: its gates and findings, stage transitions,
 * approvals, comments and waivers.
 */
export class ReviewOperations extends ServiceArea {
  async getGates(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const [unmetGates, findings, waivers] = await Promise.all([
      this.workflow.gates(postmortem),
      this.workflow.findings(postmortem),
      this.store.listWaivers(postmortem.id),
    ]);
    const waived = new Set(waivers.map(w => w.findingKey));
    return {
      unmetGates,
      findings: findings.map(f => ({ ...f, waived: waived.has(f.key) })),
      process: this.workflow.processFor(postmortem),
    };
  }

  async transition(
    id: string,
    input: { to: PostmortemStage; comment?: string },
    options: CallOptions,
  ) {
    const postmortem = await this.current(id, options);
    await this.workflow.transition(
      postmortem,
      input.to,
      input.comment,
      options.credentials,
    );
    return this.getPostmortem(postmortem.id, options);
  }

  async listApprovals(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    return this.store.listApprovals(postmortem.id);
  }

  async addComment(
    id: string,
    input: { text: string; perspective: Perspective; section?: string },
    options: CallOptions,
  ) {
    const postmortem = await this.current(id, options);
    return this.workflow.addComment(
      postmortem,
      this.scrub(input, ['text']),
      options.credentials,
    );
  }

  async listComments(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    return this.store.listComments(postmortem.id);
  }

  async waiveFinding(
    id: string,
    input: { findingKey: string; reason: string },
    options: CallOptions,
  ) {
    const postmortem = await this.current(id, options);
    await this.workflow.waive(
      postmortem,
      input.findingKey,
      input.reason,
      options.credentials,
    );
  }
}
