import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CollectedEvidence,
  EvidenceCollector,
  EvidenceRequest,
  ObservedCalls,
} from '@postmortems/plugin-postmortem-node';
import { createHash } from 'node:crypto';
import type { DraftContent } from '../database/PostmortemStore';
import type { Redactor } from '../redaction/Redactor';
import type { EntitySeries } from './detectOnsets';

export const hash = (...parts: Array<string | undefined>) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

export interface CollectedForDraft {
  evidence: DraftContent['evidence'];
  /** Numeric series for the analysis, each tied to its evidence item. */
  series: EntitySeries[];
  /** Collectors that failed, named in the draft; the draft goes on. */
  failures: Array<{ collector: string; message: string }>;
  /** Calls between entities seen in traces, for the dependency map. */
  calls: ObservedCalls[];
}

/**
 * Step 1 of the draft: asks every collector for evidence over the window.
 * Items are redacted before they are kept; changes a collector saw are
 * handed to `recordChange` (they are ranked like posted changes); a
 * collector that fails is reported, never fatal.
 */
export async function collectEvidence(options: {
  collectors: EvidenceCollector[];
  request: EvidenceRequest;
  redactor: Redactor;
  maxEvidenceChars: number;
  recordChange: (
    collector: string,
    item: CollectedEvidence,
  ) => Promise<boolean>;
  logger: LoggerService;
}): Promise<CollectedForDraft> {
  const out: CollectedForDraft = {
    evidence: [],
    series: [],
    failures: [],
    calls: [],
  };
  await Promise.all(
    options.collectors.map(async collector => {
      let items: CollectedEvidence[];
      try {
        items = await collector.collect(options.request);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn(
          `Evidence collector ${collector.id} failed for ${options.request.humanId}: ${message}`,
        );
        out.failures.push({ collector: collector.id, message });
        return;
      }
      for (const item of items) {
        out.calls.push(...(item.calls ?? []));
        if (item.change && (await options.recordChange(collector.id, item))) {
          continue;
        }
        const originKey = `${collector.id}:${hash(
          item.kind,
          item.entityRef,
          item.query,
          item.occurredAt,
        )}`;
        out.evidence.push(
          redactEvidence(
            item,
            originKey,
            options.redactor,
            options.maxEvidenceChars,
          ),
        );
        for (const s of item.series ?? []) {
          if (!item.entityRef) continue;
          out.series.push({
            ...s,
            entityRef: item.entityRef,
            evidenceKey: originKey,
          });
        }
      }
    }),
  );
  out.evidence.sort((a, b) => a.originKey.localeCompare(b.originKey));
  return out;
}

export function redactEvidence(
  item: CollectedEvidence,
  originKey: string,
  redactor: Redactor,
  maxChars: number,
): DraftContent['evidence'][number] {
  const { value, counts } = redactor.redactValue({
    content: item.content.slice(0, maxChars),
    query: item.query,
  });
  return {
    kind: item.kind,
    source: item.source,
    query: value.query,
    entityRef: item.entityRef,
    content: value.content,
    occurredAt: item.occurredAt,
    redactions: counts,
    originKey,
  };
}
