import {
  formatDuration,
  formatMetricValue,
} from '@postmortems/plugin-postmortem-common';
import type {
  ChangeKind,
  Confidence,
  HypothesisKind,
} from '@postmortems/plugin-postmortem-common';

/** Languages the draft can be written in (`postmortem.draft.language`). */
export const DRAFT_LANGUAGES = ['en', 'de'] as const;
export type DraftLanguage = (typeof DRAFT_LANGUAGES)[number];

/** What the text says about one deviation. */
export interface OnsetWords {
  name: string;
  entity: string;
  direction: 'up' | 'down';
  from: string;
  to: string;
  at: string;
}

/**
 * Every sentence the draft writes, per language. Kept apart from the
 * drafting logic so a language is a table of sentences, with its own
 * plural rules and number format.
 */
export interface DraftText {
  unknown: string;
  number(value: number, fractionDigits?: number): string;
  /** A metric value with the language's decimal mark. */
  metric(value: number): string;
  /** `count` minutes, with the language's plural rule. */
  minutes(count: number): string;
  onset(o: OnsetWords): string;
  /** "The deployment of x v2 at 12:00 UTC". */
  theChange(kind: ChangeKind, entity: string, at: string): string;
  /** Timeline entry: "Deployment of x v2 by ana". */
  changeEntry(kind: ChangeKind, entity: string, author?: string): string;
  leading(kind: HypothesisKind, entity: string): string;
  reason: {
    deviatedAfter(what: string, lead: string, onset: string): string;
    outOfOrder: string;
    path(entities: string): string;
    deviatedBefore(what: string, entity: string): string;
    flat(what: string, entity: string): string;
    unmeasured(what: string, alert: string, entity: string): string;
    origin(entity: string, first: boolean, onset: string): string;
    /** Its failure did not reach the alert: the callers stayed healthy. */
    notReached: string;
    /** A dependency of it failed in the same sample. */
    dependencyTogether: string;
    surge(onset: string): string;
    none(alert: string): string;
  };
  confirm(isChange: boolean): string;
  impactBegan(onset?: string): string;
  detectionGap: {
    title(e: string): string;
    description(d: string): string;
    criteria(minutes: string): string;
  };
  changeGuard: {
    title(e: string): string;
    description(confidence: Confidence, change: string): string;
    criteria: string;
  };
  narrative: {
    began(alert: string, at: string): string;
    detected(at: string, later?: string): string;
    acknowledged(at: string): string;
    decision(at: string, text: string): string;
    mitigated(at: string): string;
    resolved(at: string, after: string): string;
    notResolved: string;
    leading(reason: string, confidence: Confidence, percent: string): string;
    alsoConsidered(list: string): string;
    noCause(nothingDeviated: boolean): string;
    notCollected(collectors: string): string;
    impact: {
      started: string;
      duration: string;
      affected: string;
      peak(name: string, value: string, baseline: string): string;
    };
    summary(
      title: string,
      severity: string,
      alert: string,
      resolvedAfter?: string,
    ): string;
    summaryLeading(confidence: Confidence, leading: string): string;
    summaryNoCause: string;
  };
}

/** A duration in minutes as every surface writes it, or "unknown". */
export const durationText = (t: DraftText, minutes: number | undefined) =>
  minutes === undefined ? t.unknown : formatDuration(minutes * 60_000);

const numberIn =
  (locale: string) =>
  (value: number, fractionDigits = 0) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(value);

const plural = (locale: string, forms: Record<'one' | 'other', string>) => {
  const rules = new Intl.PluralRules(locale);
  return (count: number) =>
    `${numberIn(locale)(count)} ${
      rules.select(count) === 'one' ? forms.one : forms.other
    }`;
};

const capitalise = (s: string) => s.replace(/^./, c => c.toUpperCase());

const EN_CHANGE: Record<ChangeKind, string> = {
  deployment: 'deployment',
  config: 'configuration change',
  flag: 'feature-flag change',
  migration: 'migration',
};

const en: DraftText = {
  unknown: 'unknown',
  number: numberIn('en'),
  metric: value => formatMetricValue(value, 'en'),
  minutes: plural('en', { one: 'minute', other: 'minutes' }),
  onset: o =>
    `${o.name} of ${o.entity} went ${o.direction} from ${o.from} to ${o.to} at ${o.at}`,
  theChange: (kind, entity, at) =>
    `The ${EN_CHANGE[kind]} of ${entity} at ${at}`,
  changeEntry: (kind, entity, author) =>
    `${capitalise(EN_CHANGE[kind])} of ${entity}${
      author ? ` by ${author}` : ''
    }`,
  leading: (kind, e) =>
    ({
      change: `a change to ${e}`,
      origin: `${e} failing first`,
      surge: `a surge of load at ${e}`,
      none: 'no cause established',
    }[kind]),
  reason: {
    deviatedAfter: (what, lead, onset) =>
      `${what} was followed ${lead} later by its own deviation (${onset})`,
    outOfOrder: ', but entities between it and the alert deviated earlier',
    path: entities => ` and travelled along ${entities}`,
    deviatedBefore: (what, e) =>
      `${what} came after ${e} had already left its baseline, so it did not start the deviation.`,
    flat: (what, e) =>
      `${what} preceded the impact, but ${e}'s own metrics stayed within their baseline.`,
    unmeasured: (what, alert, e) =>
      `${what} preceded the impact on ${alert}; no metrics of ${e} were collected to confirm or rule it out.`,
    origin: (e, first, onset) =>
      `${e} deviated ${
        first ? 'first' : 'early'
      } with no change behind it (${onset})`,
    notReached: ', but the callers between it and the alert stayed healthy',
    dependencyTogether:
      ', in the same sample as one of its dependencies, the likelier origin',
    surge: onset => `Load rose at the edge before the errors: ${onset}.`,
    none: alert =>
      `Nothing deviated before the impact on ${alert} that a change or another component would explain.`,
  },
  confirm: isChange =>
    `Confirm or refute it with evidence${
      isChange ? ' and describe how to roll it back' : ''
    }.`,
  impactBegan: onset =>
    `Impact began: ${onset ?? 'the service-level metrics left their baseline'}`,
  detectionGap: {
    title: e => `Detect ${e} failures sooner`,
    description: d => `Detection took ${d} after impact started.`,
    criteria: minutes =>
      `An alert fires within ${minutes} of impact start for this failure mode, shown by a replay or a test.`,
  },
  changeGuard: {
    title: e => `Guard changes to ${e} with automated rollback`,
    description: (confidence, change) =>
      `The leading hypothesis (${confidence} confidence) is ${change}.`,
    criteria:
      'A bad change to this entity is detected by canary analysis and rolled back without a person acting.',
  },
  narrative: {
    began: (alert, at) => `Impact on ${alert} began at ${at}.`,
    detected: (at, later) =>
      `It was detected at ${at}${later ? `, ${later} later` : ''}.`,
    acknowledged: at => `A responder acknowledged at ${at}.`,
    decision: (at, text) => `At ${at}: ${text}`,
    mitigated: at => `It was mitigated at ${at}.`,
    resolved: (at, after) =>
      `It was resolved at ${at}, ${after} after impact began.`,
    notResolved: 'It is not resolved yet.',
    leading: (reason, confidence, percent) =>
      `${reason} This is the leading hypothesis with ${confidence} confidence (${percent} %).`,
    alsoConsidered: list => ` Also considered: ${list}.`,
    noCause: nothingDeviated =>
      `No cause is established yet: ${
        nothingDeviated
          ? 'no change or component deviated before the impact in a way that explains it'
          : 'the evidence does not single out one hypothesis'
      }. Confirm or refute the proposed hypotheses under Causes, and look for systemic causes.`,
    notCollected: collectors =>
      ` Evidence from ${collectors} could not be collected.`,
    impact: {
      started: 'Impact started',
      duration: 'Impact duration',
      affected: 'Affected',
      peak: (name, value, baseline) =>
        `Peak: ${name} ${value} (baseline ${baseline})`,
    },
    summary: (title, severity, alert, resolvedAfter) =>
      `${title} (${severity}) affected ${alert}${
        resolvedAfter
          ? ` and was resolved after ${resolvedAfter}`
          : ' and is not resolved yet'
      }.`,
    summaryLeading: (confidence, leading) =>
      ` The leading hypothesis (${confidence} confidence): ${leading}.`,
    summaryNoCause: ' No cause is established yet.',
  },
};

/** German nouns with their article: the change kinds differ in gender. */
const DE_CHANGE: Record<ChangeKind, { noun: string; the: string }> = {
  deployment: { noun: 'Deployment', the: 'Das' },
  config: { noun: 'Konfigurationsänderung', the: 'Die' },
  flag: { noun: 'Feature-Flag-Änderung', the: 'Die' },
  migration: { noun: 'Migration', the: 'Die' },
};
/** "hohe Konfidenz", "mit hoher Konfidenz". */
const DE_CONFIDENCE: Record<
  Confidence,
  { nominative: string; dative: string }
> = {
  high: { nominative: 'hohe', dative: 'hoher' },
  medium: { nominative: 'mittlere', dative: 'mittlerer' },
  low: { nominative: 'niedrige', dative: 'niedriger' },
};

const de: DraftText = {
  unknown: 'unbekannt',
  number: numberIn('de'),
  metric: value => formatMetricValue(value, 'de'),
  minutes: plural('de', { one: 'Minute', other: 'Minuten' }),
  onset: o =>
    `${o.name} von ${o.entity} ${o.direction === 'up' ? 'stieg' : 'fiel'} um ${
      o.at
    } von ${o.from} auf ${o.to}`,
  theChange: (kind, entity, at) =>
    `${DE_CHANGE[kind].the} ${DE_CHANGE[kind].noun} von ${entity} um ${at}`,
  changeEntry: (kind, entity, author) =>
    `${DE_CHANGE[kind].noun} von ${entity}${author ? ` durch ${author}` : ''}`,
  leading: (kind, e) =>
    ({
      change: `eine Änderung an ${e}`,
      origin: `${e}, das zuerst ausfiel`,
      surge: `ein Lastanstieg bei ${e}`,
      none: 'keine Ursache festgestellt',
    }[kind]),
  reason: {
    deviatedAfter: (what, lead, onset) =>
      `${what} ging einer eigenen Abweichung ${lead} voraus (${onset})`,
    outOfOrder: ', doch Entitäten zwischen ihr und dem Alarm wichen früher ab',
    path: entities => ` und sie breitete sich über ${entities} aus`,
    deviatedBefore: (what, e) =>
      `${what} kam, nachdem ${e} seine Basislinie bereits verlassen hatte; die Änderung hat die Abweichung also nicht ausgelöst.`,
    flat: (what, e) =>
      `${what} ging dem Ausfall voraus, doch die eigenen Metriken von ${e} blieben in ihrer Basislinie.`,
    unmeasured: (what, alert, e) =>
      `${what} ging dem Ausfall bei ${alert} voraus; von ${e} wurden keine Metriken erfasst, die das bestätigen oder ausschließen.`,
    origin: (e, first, onset) =>
      `${e} wich ${
        first ? 'als Erstes' : 'früh'
      } ab, ohne dass eine Änderung dahinterstand (${onset})`,
    notReached: ', doch die Aufrufer zwischen ihm und dem Alarm blieben gesund',
    dependencyTogether:
      ', im selben Messintervall wie eine seiner Abhängigkeiten, der wahrscheinlichere Ursprung',
    surge: onset => `Die Last stieg am Rand vor den Fehlern: ${onset}.`,
    none: alert =>
      `Vor dem Ausfall bei ${alert} wich nichts ab, was eine Änderung oder eine andere Komponente erklären würde.`,
  },
  confirm: isChange =>
    `Mit Belegen bestätigen oder widerlegen${
      isChange ? ' und beschreiben, wie sie zurückgenommen wird' : ''
    }.`,
  impactBegan: onset =>
    `Beginn der Auswirkung: ${
      onset ?? 'die Service-Level-Metriken verließen ihre Basislinie'
    }`,
  detectionGap: {
    title: e => `Ausfälle von ${e} früher erkennen`,
    description: d => `Die Erkennung dauerte ${d} nach Beginn der Auswirkung.`,
    criteria: minutes =>
      `Für dieses Fehlerbild löst ein Alarm innerhalb von ${minutes} nach Beginn der Auswirkung aus, gezeigt durch eine Wiederholung oder einen Test.`,
  },
  changeGuard: {
    title: e => `Änderungen an ${e} mit automatischem Rollback absichern`,
    description: (confidence, change) =>
      `Die führende Hypothese (${DE_CONFIDENCE[confidence].nominative} Konfidenz) ist ${change}.`,
    criteria:
      'Eine fehlerhafte Änderung an dieser Entität wird durch Canary-Analyse erkannt und ohne menschliches Eingreifen zurückgenommen.',
  },
  narrative: {
    began: (alert, at) => `Die Auswirkung auf ${alert} begann um ${at}.`,
    detected: (at, later) =>
      `Der Vorfall wurde um ${at} erkannt${later ? `, ${later} später` : ''}.`,
    acknowledged: at => `Eine Einsatzkraft bestätigte um ${at}.`,
    decision: (at, text) => `Um ${at}: ${text}`,
    mitigated: at => `Er wurde um ${at} eingedämmt.`,
    resolved: (at, after) =>
      `Er wurde um ${at} behoben, ${after} nach Beginn der Auswirkung.`,
    notResolved: 'Er ist noch nicht behoben.',
    leading: (reason, confidence, percent) =>
      `${reason} Das ist die führende Hypothese mit ${DE_CONFIDENCE[confidence].dative} Konfidenz (${percent} %).`,
    alsoConsidered: list => ` Ebenfalls erwogen: ${list}.`,
    noCause: nothingDeviated =>
      `Noch ist keine Ursache festgestellt: ${
        nothingDeviated
          ? 'keine Änderung und keine Komponente wich vor dem Ausfall so ab, dass es ihn erklärt'
          : 'die Belege heben keine einzelne Hypothese hervor'
      }. Bestätigen oder widerlegen Sie die vorgeschlagenen Hypothesen unter Ursachen und suchen Sie nach systemischen Ursachen.`,
    notCollected: collectors =>
      ` Belege von ${collectors} konnten nicht erfasst werden.`,
    impact: {
      started: 'Beginn der Auswirkung',
      duration: 'Dauer der Auswirkung',
      affected: 'Betroffen',
      peak: (name, value, baseline) =>
        `Spitze: ${name} ${value} (Basislinie ${baseline})`,
    },
    summary: (title, severity, alert, resolvedAfter) =>
      `${title} (${severity}) betraf ${alert}${
        resolvedAfter
          ? ` und wurde nach ${resolvedAfter} behoben`
          : ' und ist noch nicht behoben'
      }.`,
    summaryLeading: (confidence, leading) =>
      ` Die führende Hypothese (${DE_CONFIDENCE[confidence].nominative} Konfidenz): ${leading}.`,
    summaryNoCause: ' Noch ist keine Ursache festgestellt.',
  },
};

const TEXT: Record<DraftLanguage, DraftText> = { en, de };

export const isDraftLanguage = (value: string): value is DraftLanguage =>
  (DRAFT_LANGUAGES as readonly string[]).includes(value);

/** The sentences of a language. */
export const draftText = (language: DraftLanguage): DraftText => TEXT[language];
