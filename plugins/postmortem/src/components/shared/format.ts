import {
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  NARRATIVE_SECTIONS,
  NarrativeSection,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import { postmortemTranslationRef } from '../../translation';

/** The translation function of this plugin. */
export type PostmortemT = TranslationFunction<
  (typeof postmortemTranslationRef)['T']
>;

/** Shorthand for the plugin's translation function. */
export function usePostmortemT(): PostmortemT {
  return useTranslationRef(postmortemTranslationRef).t;
}

export function formatDateTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** A calendar date (YYYY-MM-DD) in the reader's locale. */
export function formatDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00`);
  return isNaN(parsed.getTime()) ? date : parsed.toLocaleDateString();
}

export function formatDuration(ms: number, t: PostmortemT): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60000);
  if (totalMinutes < 1) return t('duration.underAMinute');
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) {
    return t('duration.days', { days: String(days), hours: String(hours) });
  }
  if (hours > 0) {
    return t('duration.hours', {
      hours: String(hours),
      minutes: String(minutes),
    });
  }
  return t('duration.minutes', { minutes: String(minutes) });
}

/** Today as YYYY-MM-DD in local time. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(
    now.getDate(),
  )}`;
}

const CLOSED = new Set(['done', 'verified', 'wont_do']);

/** An open item whose due date has passed. */
export function isOverdue(item: RemediationItem, now: Date = new Date()) {
  return (
    !!item.dueDate &&
    !CLOSED.has(item.status) &&
    item.dueDate.slice(0, 10) < today(now)
  );
}

export function isNarrativeSection(name: string): name is NarrativeSection {
  return (NARRATIVE_SECTIONS as readonly string[]).includes(name);
}

const DIFF_SECTIONS = [
  'stage',
  'visibility',
  'roles',
  'attachments',
  'timeline',
  'causes',
  'remediation',
] as const;

/** A readable name for a section or field of a revision. */
export function sectionLabel(name: string, t: PostmortemT): string {
  const leaf = name.startsWith('narrative.')
    ? name.slice('narrative.'.length)
    : name;
  if (isNarrativeSection(leaf)) return t(`narrative.sections.${leaf}`);
  const known = DIFF_SECTIONS.find(s => s === leaf);
  return known ? t(`history.sections.${known}`) : name;
}
