import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CallOptions } from '../PostmortemService';
import { principalRef } from '../../auth/principalRef';
import { ServiceArea } from './ServiceArea';

/**
 * Signing off a remediation item that is verified by a person holding a role.
 */
export class RemediationOperations extends ServiceArea {
  async signOffRemediation(
    id: string,
    itemId: string,
    comment: string | undefined,
    options: CallOptions,
  ) {
    const postmortem = await this.current(id, options);
    const item = (
      await this.store.listSubRecords('remediation', postmortem.id)
    ).find(i => i.id === itemId);
    if (!item) throw new NotFoundError(`No remediation item ${itemId}`);
    if (item.verification?.kind !== 'manual') {
      throw new InputError('This item is not verified by sign-off');
    }
    if (item.status !== 'done') {
      throw new InputError(
        `Only a done item can be verified; it is ${item.status}`,
      );
    }
    const held = this.workflow.rolesHeld(
      postmortem,
      await this.workflow.claimsOf(options.credentials),
    );
    if (!held.has(item.verification.role)) {
      throw new NotAllowedError(
        `Only the ${item.verification.role.replace(
          /_/g,
          ' ',
        )} may verify this item`,
      );
    }
    const author = principalRef(options.credentials);
    const verified = await this.store.updateSubRecord(
      'remediation',
      postmortem.id,
      itemId,
      { status: 'verified' },
      { author },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: 'remediation.verified',
      details: { id: itemId, ...(comment ? { comment } : {}) },
    });
    return verified;
  }
}
