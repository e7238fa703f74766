import {
  COUNTERFACTUAL_MODALS,
  DILIGENCE_ADJECTIVES,
  DILIGENCE_PARTICIPLES,
  IRREGULAR_PARTICIPLES,
} from '../lexicon';
import {
  clauseAt,
  isPeople,
  kindOfHead,
  kindOfPhrase,
  Sentence,
  subjectAt,
} from '../parse';
import type { Rule, RuleMatch } from './types';

/** Participles of being reached or told: a person who should have been is no agent. */
const RECEIVING_PARTICIPLES = new Set([
  'paged',
  'called',
  'notified',
  'informed',
  'told',
  'consulted',
  'asked',
  'included',
  'alerted',
  'warned',
  'trained',
  'woken',
  'contacted',
  'looped',
  'invited',
]);

/** Participles that are the same word as the base ("read", "put", "run"). */
const IRREGULAR_SAME_PARTICIPLES = new Set(
  Object.entries(IRREGULAR_PARTICIPLES)
    .filter(([base, participle]) => base === participle)
    .map(([base]) => base)
    .concat(['run', 'come', 'become']),
);

const isParticiple = (s: Sentence, k: number) => {
  const t = s.tokens[k];
  return (
    !!t &&
    (t.tags.has('PastTense') ||
      t.tags.has('Participle') ||
      /(ed|en|wn|ght|ne|un)$/.test(t.norm) ||
      // Irregular participles that look like a present ("had read", "had
      // put", "had let", "had set", "had run").
      IRREGULAR_SAME_PARTICIPLES.has(t.norm))
  );
};

/** A clause of the sentence, other than `except`, that makes a system the condition. */
function systemCondition(
  s: Sentence,
  except: number,
  markers?: string[],
): boolean {
  return s.clauses.some(
    (c, ci) =>
      ci !== s.clauseOf[except] &&
      (markers
        ? markers.includes(c.marker ?? '')
        : c.marker === 'if' ||
          c.marker === 'unless' ||
          s.tokens[c.from]?.norm === 'with') &&
      !isPeople(c.subject.kind) &&
      c.subject.kind !== 'negative',
  );
}

/**
 * Counterfactuals about people: "X should have checked", "If X had followed
 * the runbook …", "the bug should have been caught" (a person's diligence in
 * the passive). Systems as subjects ("the canary would have caught it") and
 * exculpations ("nobody could have predicted") are not flagged.
 */
export const counterfactualRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    // Conditionals: "if X had <participle>", "had X <participle>".
    const c = clauseAt(s, i);
    if (
      t.norm === 'had' &&
      (c.marker === 'if' ||
        (i === c.from && tokens[i + 1] && !tokens[i + 1].tags.has('Verb')))
    ) {
      let subject = c.subject;
      let k = i + 1;
      if (i === c.from) {
        // Inversion: "Had the developer tested …".
        // compromise may read the participle after a team or role as a
        // noun ("Had the ops team read the advisory"): a people head
        // followed by a word that is no part of its name ends the subject.
        while (k < c.to && !tokens[k].tags.has('Verb')) {
          const w = tokens[k];
          const next = tokens[k + 1];
          if (
            k > i + 1 &&
            isPeople(kindOfHead(w, true)) &&
            !w.tags.has('Pronoun') &&
            !w.possessive &&
            next &&
            !next.name &&
            !isPeople(kindOfHead(next, true)) &&
            !next.tags.has('Preposition')
          ) {
            k++;
            break;
          }
          k++;
        }
        if (k > i + 1) subject = kindOfPhrase(tokens, i + 1, k - 1);
      }
      while (
        k < c.to &&
        (tokens[k].tags.has('Adverb') || tokens[k].tags.has('Negative'))
      )
        k++;
      // "if the on-call had been paying attention": progressive, the
      // person acts; "had been paged" is passive and blames nobody.
      const progressive =
        tokens[k]?.norm === 'been' && /ing$/.test(tokens[k + 1]?.norm ?? '');
      // "Had the reviewer been more careful": a person's diligence.
      let careful = false;
      if (tokens[k]?.norm === 'been') {
        let a = k + 1;
        if (['more', 'less', 'as'].includes(tokens[a]?.norm ?? '')) a++;
        careful = DILIGENCE_ADJECTIVES.has(tokens[a]?.norm ?? '');
        if (careful) k = a;
      }
      if (progressive) k++;
      if (
        isPeople(subject.kind) &&
        k < c.to &&
        (progressive ||
          careful ||
          // "if we had had a canary": having, not acting.
          (isParticiple(s, k) &&
            tokens[k].norm !== 'been' &&
            tokens[k].norm !== 'had'))
      ) {
        out.push({
          rule: 'counterfactual',
          from: c.marker === 'if' ? c.from : i,
          to: k,
        });
      }
      continue;
    }
    const modal = t.norm;
    if (!COUNTERFACTUAL_MODALS.has(modal)) continue;
    let k = i + 1;
    // "could not have known": an exculpation.
    if (
      (modal === 'could' || modal === 'might') &&
      tokens[k]?.tags.has('Negative')
    )
      continue;
    if (modal === 'ought' && tokens[k]?.norm === 'to') k++;
    while (
      k < tokens.length &&
      (tokens[k].tags.has('Adverb') || tokens[k].tags.has('Negative'))
    )
      k++;
    if (tokens[k]?.norm !== 'have') continue;
    k++;
    while (k < tokens.length && tokens[k].tags.has('Adverb')) k++;
    // "should have double checked".
    if (
      tokens[k]?.tags.has('Adjective') &&
      isParticiple(s, k + 1) &&
      tokens[k + 1].tags.has('Verb')
    )
      k++;
    const subject = subjectAt(s, i);
    let passive = false;
    if (tokens[k]?.norm === 'been') {
      passive = true;
      k++;
      while (k < tokens.length && tokens[k].tags.has('Adverb')) k++;
    }
    const verb = tokens[k];
    if (!verb || !isParticiple(s, k)) continue;
    // "would have had the same information": having, not acting.
    if (!passive && (verb.norm === 'had' || verb.norm === 'been')) continue;
    if (passive) {
      // "The bug should have been caught in review": someone's diligence,
      // unless a system is the agent ("by the linter").
      const byAgent = tokens.slice(k + 1).some(x => x.norm === 'by');
      if (
        DILIGENCE_PARTICIPLES.has(verb.norm) &&
        !byAgent &&
        !isPeople(subject.kind) &&
        (modal === 'should' ||
          modal === 'ought' ||
          modal === 'must' ||
          tokens.slice(i - 2, i).some(x => x.norm === 'easily'))
      ) {
        out.push({ rule: 'counterfactual', from: i, to: k });
      } else if (
        isPeople(subject.kind) &&
        (modal === 'should' || modal === 'ought') &&
        // "The on-call should have been paged": the person was to receive.
        !RECEIVING_PARTICIPLES.has(verb.norm)
      ) {
        out.push({ rule: 'counterfactual', from: i, to: k });
      }
      continue;
    }
    if (subject.kind === 'negative') continue;
    if (!isPeople(subject.kind)) continue;
    // "We don't think anyone could have spotted this": denied.
    if (
      modal !== 'should' &&
      modal !== 'ought' &&
      tokens.slice(0, i).some(x => x.tags.has('Negative') && !x.quoted)
    )
      continue;
    const obligation =
      modal === 'should' || modal === 'ought' || modal === 'must';
    // "We would have caught it if the canary had run": the system is the condition.
    // "Lukas would have rolled back sooner if the dashboard had shown …":
    // the system is the condition (for "we", also "with a canary, …").
    if (
      !obligation &&
      systemCondition(s, i, subject.firstPerson ? undefined : ['if', 'unless'])
    )
      continue;
    out.push({ rule: 'counterfactual', from: i, to: k });
  }
  return out;
};
