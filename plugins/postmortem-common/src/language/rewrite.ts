/**
 * Rewrites of flagged sentences: system-centred, with the times, systems,
 * actions and numbers of the original, and without a person as the agent.
 * The check runs again on each rewrite; one that is flagged again or names a
 * person is not offered.
 */
import nlp from 'compromise';
import {
  BAD_OBJECT_WORDS,
  IRREGULAR_PARTICIPLES,
  NEUTRAL_OUTCOMES,
  PERSON_POSSESSIVES,
  REWRITE_DROP_WORDS,
  SUBORDINATORS,
} from './lexicon';
import {
  Clause,
  clauseAt,
  isPeople,
  isVerb,
  kindOfHead,
  lemmaCandidates,
  Sentence,
  Token,
} from './parse';
import type { RuleMatch } from './rules/types';

const PARTICLES = new Set([
  'up',
  'down',
  'out',
  'over',
  'through',
  'back',
  'off',
]);
const AGENT_RULES = new Set([
  'named-person',
  'failed-to',
  'forgot',
  'counterfactual',
]);

function participle(verb: string): string {
  const base = verb.toLowerCase();
  if (IRREGULAR_PARTICIPLES[base]) return IRREGULAR_PARTICIPLES[base];
  const conj = (
    nlp(`they ${base}`).verbs().conjugate() as Array<{ PastTense?: string }>
  )[0];
  if (conj?.PastTense) return conj.PastTense;
  if (base.endsWith('e')) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  return `${base}ed`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Words of tokens from..to-1 as written, with person possessives neutralised. */
function words(
  s: Sentence,
  from: number,
  to: number,
  skip: Set<number>,
): string {
  const out: string[] = [];
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (skip.has(k) || !t.text) continue;
    let w = t.text;
    if (!t.quoted && PERSON_POSSESSIVES.has(t.norm) && t.norm !== 'our')
      w = 'the';
    if (!t.quoted && t.norm === 'wrong' && s.tokens[k - 1]?.norm === 'the') {
      out.pop();
      w = 'an unintended';
    }
    out.push(w + (k < to - 1 ? t.post.replace(/\s+$/, '') : ''));
  }
  return out
    .join(' ')
    .replace(/\s+([,;:.!?])/g, '$1')
    .trim();
}

/** Tokens that carry judgement or hindsight and no fact. */
function droppable(s: Sentence): Set<number> {
  const skip = new Set<number>();
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.quoted) continue;
    if (REWRITE_DROP_WORDS.has(t.norm)) skip.add(i);
  }
  return skip;
}

/** The main verb at or after token i: the last verb of a verb group. */
function mainVerb(s: Sentence, i: number, c: Clause): number {
  let k = i;
  let last = -1;
  while (k < c.to) {
    const t = s.tokens[k];
    if (last >= 0 && PARTICLES.has(t.norm)) break;
    if (
      isVerb(t) ||
      t.tags.has('Negative') ||
      t.tags.has('Adverb') ||
      t.norm === 'to' ||
      (t.norm === 'failure' && s.tokens[k + 1]?.norm === 'to')
    ) {
      if (
        isVerb(t) &&
        !t.tags.has('Auxiliary') &&
        !t.tags.has('Modal') &&
        !['fail', 'bother', 'forget', 'neglect', 'suppose'].includes(t.lemma)
      )
        last = k;
      else if (isVerb(t) && last < 0 && t.tags.has('Copula')) last = k;
      k++;
      if (
        last >= 0 &&
        !(s.tokens[k]?.tags.has('Verb') && !s.tokens[k].tags.has('Noun'))
      )
        break;
      continue;
    }
    break;
  }
  return last;
}

/** Splits the words after the verb into the object and the adverbials. */
function objectAndRest(s: Sentence, v: number, c: Clause): [number, number] {
  let k = v + 1;
  // A particle ("took down the gateway").
  if (
    s.tokens[k] &&
    ['up', 'down', 'out', 'over', 'through', 'back'].includes(s.tokens[k].norm)
  )
    k++;
  const objStart = k;
  while (k < c.to) {
    const t = s.tokens[k];
    if (t.tags.has('Preposition') && t.norm !== 'of' && k > objStart) break;
    if (
      isVerb(t) &&
      k > objStart &&
      !t.tags.has('Noun') &&
      !t.tags.has('Adjective')
    )
      break;
    k++;
  }
  return [objStart, k];
}

/**
 * Rewrites a sentence with findings around its system, or returns
 * undefined when the structure is not one this module knows.
 */
export function rewriteSentence(
  s: Sentence,
  matches: RuleMatch[],
): string | undefined {
  const skip = droppable(s);
  const agentMatch = matches.find(m => AGENT_RULES.has(m.rule));
  const ending = /[.!?]$/.test(s.text) && !s.question ? s.text.slice(-1) : '.';
  let body: string | undefined;
  const idiom = matches.some(
    m => m.to > m.from && (m.rule === 'judgement' || m.rule === 'hindsight'),
  );
  if (idiom) return undefined;
  if (agentMatch) {
    body = rewriteAgentClause(s, agentMatch, skip);
  }
  if (!body && matches.some(m => m.rule === 'human-error')) {
    const parts: string[] = [];
    for (let i = 0; i < s.tokens.length; i++) {
      const m = matches.find(x => x.rule === 'human-error' && x.from === i);
      if (m) {
        parts.push(
          `a manual step that the tooling did not guard against${s.tokens[
            m.to
          ].post.replace(/\s+$/, '')}`,
        );
        i = m.to;
        continue;
      }
      if (!skip.has(i) && s.tokens[i].text)
        parts.push(s.tokens[i].text + s.tokens[i].post.replace(/\s+$/, ''));
    }
    body = parts.join(' ').replace(/\b(a|an) a manual step/i, 'a manual step');
  }
  if (!body) {
    // Judgement and hindsight words without an agent: drop them.
    const text = words(s, 0, s.tokens.length, skip);
    body = text.replace(/^[,;:\s]+/, '');
    if (/^it (was|is) (visible )?(from|that)\b/i.test(body)) return undefined;
  }
  if (!body) return undefined;
  if (
    /\b(was|is|were|are|be)\s*[.!?]?$/i.test(body) ||
    /\b(a|an|the)\s+(to|of|in|was|is)\b/i.test(body) ||
    /^(was|is|were|are|had|has|have)\b/i.test(body) ||
    /\b(was|were) not (had|has|have|been|be)\b/i.test(body)
  ) {
    return undefined;
  }
  body = capitalise(
    body
      .replace(/\s+/g, ' ')
      .replace(/[.!?]+$/, '')
      .trim(),
  );
  return `${body}${ending === '?' ? '.' : ending}`;
}

function rewriteAgentClause(
  s: Sentence,
  m: RuleMatch,
  skip: Set<number>,
): string | undefined {
  const c = clauseAt(s, m.from);
  const subject = c.subject;
  if (
    subject.owner &&
    isPeople(subject.owner) &&
    !isPeople(subject.kind) &&
    subject.kind !== 'none' &&
    m.rule === 'named-person'
  ) {
    // "Hana's config change caused the outage" → "The config change caused the outage".
    let k = subject.from;
    while (
      k <= subject.to &&
      !s.tokens[k].possessive &&
      !PERSON_POSSESSIVES.has(s.tokens[k].norm)
    )
      k++;
    const own = `the ${words(s, k + 1, c.to, skip)}`;
    const after = words(s, c.to, s.tokens.length, skip);
    return after ? `${own} ${after}` : own;
  }
  const people =
    isPeople(subject.kind) || (subject.owner && isPeople(subject.owner));
  if (!people && m.rule !== 'counterfactual' && m.rule !== 'forgot')
    return undefined;
  const tokens = s.tokens;
  // Conditional counterfactuals: "If X had followed the runbook, …".
  let start = c.verb >= 0 ? c.verb : m.from;
  if (c.question) start = c.verb;
  const v = mainVerb(s, start, c);
  if (v < 0) return undefined;
  const verb = tokens[v];
  const negated =
    tokens
      .slice(c.from, v)
      .some(
        t => t.tags.has('Negative') || t.norm === 'never' || t.norm === 'not',
      ) ||
    tokens
      .slice(c.from, v)
      .some(t =>
        ['fail', 'forget', 'neglect', 'failure', 'suppose'].some(w =>
          lemmaCandidates(t.norm).includes(w),
        ),
      ) ||
    m.rule === 'counterfactual' ||
    c.question;
  const [objFrom, objTo] = objectAndRest(s, v, c);
  const passiveAlready = tokens[v - 1]?.norm === 'been';
  let object = words(s, objFrom, objTo, skip);
  let rest = words(s, objTo, c.to, skip);
  if (passiveAlready && subject.from >= 0) {
    object = words(s, subject.from, subject.to + 1, skip);
    rest = words(s, v + 1, c.to, skip);
  }
  const first = tokens[passiveAlready ? subject.from : objFrom];
  if (
    !object ||
    !first ||
    first.tags.has('Preposition') ||
    first.tags.has('Adverb') ||
    first.tags.has('Comparative') ||
    first.tags.has('Conjunction') ||
    /^(that|to|if|whether|how|as)\b/i.test(object)
  ) {
    object = '';
  }
  const lemmaOf = verb.lemma.split(' ')[0];
  const objectTokens = passiveAlready
    ? tokens.slice(subject.from, subject.to + 1)
    : tokens.slice(objFrom, objTo);
  const plural =
    objectTokens.some(t => t.tags.has('Plural')) &&
    !objectTokens.some(t => t.norm === 'of');
  const be = plural ? 'were' : 'was';
  let clause: string;
  if (negated) {
    if (!object) return undefined;
    clause = `${object} ${be} not ${participle(lemmaOf)}${
      rest ? ` ${rest}` : ''
    }`;
  } else if (NEUTRAL_OUTCOMES[lemmaOf] || NEUTRAL_OUTCOMES[verb.norm]) {
    if (!object) return undefined;
    let outcome = NEUTRAL_OUTCOMES[lemmaOf] ?? NEUTRAL_OUTCOMES[verb.norm];
    if (plural) outcome = outcome.replace(/^was /, 'were ');
    clause = `${object} ${outcome}${
      rest ? ` ${rest.replace(/^by (\w+ing)\b/, 'after $1')}` : ''
    }`;
  } else if (
    lemmaOf === 'make' &&
    /^(an? )?(error|mistake|typo)s?$/i.test(object) &&
    /^in /.test(rest)
  ) {
    clause = `${rest.replace(/^in /, '')} contained ${object
      .replace(/^(a|an) /i, 'an ')
      .replace(/^an typo/, 'a typo')}`;
  } else if (lemmaOf === 'be' || !object) {
    return undefined;
  } else {
    const hasBad = tokens
      .slice(objFrom, objTo)
      .some(t => BAD_OBJECT_WORDS.has(t.norm));
    clause = `${object} ${be} ${participle(lemmaOf)}${rest ? ` ${rest}` : ''}`;
    if (!hasBad && !rest) clause += '';
  }
  // Words of the clause before its subject ("At 10:05 …") are facts too.
  let subjectStart = subject.from;
  if (subject.from >= c.from && subject.to < v) {
    // "At 10:05 Jane …": the noun phrase starts at its first person word.
    for (let k = subject.from; k <= subject.to; k++) {
      if (tokens[k].tags.has('Preposition')) continue;
      const kind = kindOfHead(tokens[k], true);
      if (kind !== 'system' && kind !== 'thing') {
        subjectStart = k;
        while (
          subjectStart > subject.from &&
          tokens[subjectStart - 1].tags.has('Determiner')
        )
          subjectStart--;
        break;
      }
    }
  }
  if (subjectStart > c.from && subjectStart < v && c.marker !== 'if') {
    const lead = words(s, c.from, subjectStart, skip);
    if (lead) clause = `${lead.replace(/[,;:]$/, '')}, ${clause}`;
  }
  // The other clauses of the sentence, without their people.
  const before =
    c.from > 0 && c.marker !== 'if' ? words(s, 0, c.from, skip) : '';
  const afterRaw = words(s, c.to, tokens.length, skip);
  const after = afterRaw.replace(/^(and|but|so|which)\b\s*/i, '');
  const conditional = c.marker === 'if' || tokens[c.from]?.norm === 'had';
  if (conditional) return clause;
  // A following clause that shares the person as its subject has no
  // agent-free form here.
  const next = s.clauses[s.clauseOf[c.to] ?? -1];
  if (next && next !== c && next.subject === c.subject && next.verb >= 0)
    return undefined;
  const parts = [before.replace(/[,;:]\s*$/, ''), clause]
    .filter(Boolean)
    .join(', ');
  if (!after) return parts;
  const subordinate =
    next &&
    (SUBORDINATORS.has(next.marker ?? '') ||
      tokens[c.to]?.tags.has('Preposition'));
  return `${parts}${subordinate ? ' ' : '; '}${after.replace(/^[,;:]\s*/, '')}`;
}

export type { Token };
