import type {
  RemediationItem,
  RemediationVerification,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';

/** A done remediation item that carries an automated check. */
export interface ItemToVerify {
  id: string;
  postmortemId: string;
  verification: RemediationVerification | undefined;
}

/** The state of the automated checks of remediation items. */
export interface VerificationStore {
  /** Remediation items marked done whose check has yet to confirm them. */
  listItemsToVerify(): Promise<ItemToVerify[]>;
  /** Stores the outcome of an item's latest check (shown on the item). */
  recordCheck(
    itemId: string,
    check: NonNullable<RemediationItem['lastCheck']>,
  ): Promise<void>;
}

/** VerificationStore on the plugin's database. */
export class KnexVerificationStore implements VerificationStore {
  constructor(private readonly knex: Knex) {}

  async listItemsToVerify(): Promise<ItemToVerify[]> {
    const rows = await this.knex('remediation_items')
      .where({ status: 'done' })
      .whereNotNull('verification')
      .select('id', 'postmortem_id', 'verification');
    return rows.map(row => ({
      id: row.id,
      postmortemId: row.postmortem_id,
      verification: JSON.parse(
        row.verification,
      ) as RemediationItem['verification'],
    }));
  }

  async recordCheck(
    itemId: string,
    check: NonNullable<RemediationItem['lastCheck']>,
  ): Promise<void> {
    await this.knex('remediation_items')
      .where({ id: itemId })
      .update({
        last_check: JSON.stringify({
          at: check.at,
          passed: check.passed,
          detail: check.detail,
        }),
      });
  }
}
