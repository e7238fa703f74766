import { isPeople, type Sentence } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  BAD_OBJECT_STEMS,
  CARELESS_PHRASES,
  CARELESS_WORDS,
  CAUSE_STEMS,
  DEFIANCE_WORDS,
  DESTRUCTIVE_STEMS,
  DISCOVERY_STEMS,
  FAULT_STEMS,
  IGNORE_STEMS,
  MISTAKE_NOUNS,
  OUTCOME_NOUNS,
} from '../lexicon';
import { endsWithHead, kindOfHeadDe } from '../parse';
import {
  anyPhraseAt,
  blameable,
  negatedBefore,
  negationIn,
  verbWithStem,
} from './helpers';

const PRODUCTION =
  /^(produktion|produktions|prod|live|alle|gesamte|gesamten|kunden)/;

function cue(s: Sentence, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (t.quoted) continue;
    // "trotz des kaputten Pagers reagiert": adversity overcome, not a
    // signal defied ("trotz Freeze deployt").
    const adversity =
      t.norm === 'trotz' &&
      s.tokens
        .slice(k + 1, k + 4)
        .some(x => BAD_OBJECT_STEMS.some(b => x.norm.startsWith(b)));
    if (CARELESS_WORDS.has(t.norm)) return k;
    if (DEFIANCE_WORDS.has(t.norm) && !adversity) return k;
    if (anyPhraseAt(s, k, CARELESS_PHRASES)) return k;
    if (
      BAD_OBJECT_STEMS.some(b => t.norm.startsWith(b)) &&
      !negatedBefore(s, k, 2) &&
      !s.tokens.slice(Math.max(from, k - 3), k).some(x => x.norm === 'trotz')
    )
      return k;
  }
  return -1;
}

/** A people phrase after "durch" or "von" ("durch einen Mitarbeiter", "durch Pauls Änderung"). */
function byPeople(s: Sentence, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (t.norm !== 'durch' && t.norm !== 'von') continue;
    for (let j = k + 1; j < Math.min(to, k + 5); j++) {
      const w = s.tokens[j];
      if (w.possessive && w.name) return k;
      const kind = kindOfHeadDe(w);
      if (isPeople(kind) && !w.tags.has('Determiner')) return k;
      if (w.tags.has('Noun') && !w.name) break;
    }
  }
  return -1;
}

/**
 * Faults with a person, role or team as the agent: "Laura hat versehentlich
 * den falschen Cluster gelöscht", "hat ungetesteten Code ausgerollt", "hat
 * die Warnungen ignoriert", "ops hat's verbockt", "trotz Freeze deployt",
 * "Der Ausfall wurde durch Pauls Änderung verursacht", "Pauls Fehler",
 * "ist für den Datenverlust verantwortlich". Systems as agents ("Die
 * Pipeline hat die Tests übersprungen") are not flagged.
 */
export const faultRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (const c of s.clauses) {
    const subject = c.subject;
    if (subject.kind === 'negative') continue;
    // Passive or causal with people as the agent.
    const cause = verbWithStem(s, c.from, c.to, CAUSE_STEMS);
    const by = byPeople(s, c.from, c.to);
    if (cause >= 0 && by >= 0) {
      out.push({ rule: 'named-person', from: by, to: cause });
      continue;
    }
    // "Pauls Fehler", "der Fehler von Anna", "hat einen Fehler gemacht".
    const mistake = tokens.findIndex(
      (t, k) =>
        k >= c.from && k < c.to && !t.quoted && MISTAKE_NOUNS.has(t.norm),
    );
    if (mistake >= 0) {
      const prev = tokens[mistake - 1];
      const madeBy =
        isPeople(subject.kind) &&
        tokens.slice(mistake, c.to).some(t => t.norm === 'gemacht');
      const owned =
        (prev?.possessive && prev.name) ||
        (tokens[mistake + 1]?.norm === 'von' &&
          isPeople(kindOfHeadDe(tokens[mistake + 2] ?? prev)));
      if ((madeBy || owned) && negationIn(s, c.from, c.to) < 0) {
        out.push({ rule: 'named-person', from: mistake, to: mistake });
        continue;
      }
    }
    // "ist für den Datenverlust verantwortlich".
    const responsible = tokens.findIndex(
      (t, k) => k >= c.from && k < c.to && t.norm === 'verantwortlich',
    );
    if (
      responsible >= 0 &&
      isPeople(subject.kind) &&
      tokens
        .slice(c.from, c.to)
        .some(t => endsWithHead(t.norm, OUTCOME_NOUNS) > 0)
    ) {
      out.push({ rule: 'named-person', from: responsible, to: responsible });
      continue;
    }
    if (!blameable(subject) || subject.firstPerson) continue;
    const negation = negationIn(s, c.from, c.to);
    const fault = verbWithStem(s, c.from, c.to, [
      ...FAULT_STEMS,
      ...IGNORE_STEMS,
    ]);
    if (fault >= 0 && !(negation >= 0 && negation < fault)) {
      out.push({ rule: 'named-person', from: fault, to: fault });
      continue;
    }
    if (!isPeople(subject.kind) && cause >= 0) {
      // "Pauls Änderung hat den Ausfall verursacht".
      out.push({ rule: 'named-person', from: subject.from, to: cause });
      continue;
    }
    if (!isPeople(subject.kind)) continue;
    // "hat den Ausfall ausgelöst" blames; "hat den Failover ausgelöst" is
    // an act of the response: triggering needs a bad outcome as its object.
    const triggered =
      cause >= 0 &&
      /^(auslös|ausgelöst)/.test(tokens[cause].norm) &&
      !tokens
        .slice(c.from, c.to)
        .some(t => !t.quoted && endsWithHead(t.norm, OUTCOME_NOUNS) > 0);
    if (cause >= 0 && !triggered) {
      out.push({ rule: 'named-person', from: cause, to: cause });
      continue;
    }
    const careless = cue(s, c.from, c.to);
    // Finding or fixing a faulty thing blames nobody ("hat die fehlerhafte
    // Konfiguration gefunden").
    const discovery = verbWithStem(s, c.from, c.to, DISCOVERY_STEMS) >= 0;
    if (careless >= 0 && !discovery) {
      out.push({ rule: 'named-person', from: careless, to: careless });
      continue;
    }
    const destroy = verbWithStem(s, c.from, c.to, DESTRUCTIVE_STEMS);
    if (
      destroy >= 0 &&
      negation < 0 &&
      tokens.slice(c.from, c.to).some(t => PRODUCTION.test(t.norm))
    ) {
      out.push({ rule: 'named-person', from: destroy, to: destroy });
    }
  }
  return out;
};
