/**
 * Rewrites of flagged sentences: system-centred, with the times, systems,
 * actions and numbers of the original, and without a person as the agent.
 * The check runs again on each rewrite; one that is flagged again or names a
 * person is not offered.
 */
import nlp from 'compromise';
import {
  BAD_OBJECT_WORDS,
  DECAY_VERBS,
  IRREGULAR_PARTICIPLES,
  NEUTRAL_OUTCOMES,
  PHRASAL_FAULTS,
  PERSON_POSSESSIVES,
  REWRITE_DROP_WORDS,
  SUBORDINATORS,
} from './lexicon';
import {
  Clause,
  clauseAt,
  isPeople,
  isVerb,
  lemma,
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

export function participle(verb: string): string {
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

function pastTense(verb: string): string {
  const conj = (
    nlp(`they ${verb}`).verbs().conjugate() as Array<{ PastTense?: string }>
  )[0];
  return conj?.PastTense ?? participle(verb);
}

/** Words of tokens from..to-1 as written, with person possessives neutralised. */
export function words(
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
export function droppable(s: Sentence): Set<number> {
  const skip = new Set<number>();
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.quoted) continue;
    // Only modifiers are dropped: "rushed" as the main verb is a fact.
    const mainVerbUse =
      t.tags.has('Verb') &&
      !t.tags.has('Adjective') &&
      !t.tags.has('Adverb') &&
      !s.tokens[i - 1]?.tags.has('Determiner');
    if (REWRITE_DROP_WORDS.has(t.norm) && !mainVerbUse) skip.add(i);
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

/** Verdicts said after a statement in chat ("…, classic", "…, nice one"). */
const CHAT_VERDICTS = new Set([
  'classic',
  'nice',
  'nice one',
  'typical',
  'plain and simple',
  'smh',
  'lol',
  'great',
  'brilliant',
  'wow',
  'as usual',
  'of course',
]);

const PARTICIPLE_FORMS = new Set(Object.values(IRREGULAR_PARTICIPLES));

/** A past participle, by tag or by form ("used", "run", "written"). */
const isParticiple = (t: Token) =>
  (t.tags.has('PastTense') && !t.tags.has('Gerund')) ||
  t.tags.has('Participle') ||
  PARTICIPLE_FORMS.has(t.norm);

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
    const acronym = /^[A-Z]{2,}$/.test(t.text);
    const afterDeterminer = s.tokens[k - 1]?.tags.has('Determiner');
    if (k > objStart && !acronym && !afterDeterminer) {
      // A participle phrase after the noun stays with it ("the manual
      // steps used for the failover", "a command found on a forum").
      const noun = s.tokens[k - 1];
      const prep = s.tokens[k + 1];
      if (
        isParticiple(t) &&
        noun.tags.has('Noun') &&
        !noun.tags.has('Pronoun') &&
        !/[,;:]/.test(noun.post) &&
        !t.tags.has('Adjective') &&
        prep?.tags.has('Preposition') &&
        prep.norm !== 'by' &&
        k + 2 < c.to &&
        ['a', 'an', 'the'].includes(s.tokens[k + 2].norm) &&
        // "left the laptop unlocked with …": a complement, no relative.
        !['leave', 'keep', 'make', 'get', 'find', 'have', 'know'].includes(
          s.tokens[v].lemma,
        )
      ) {
        k += 2;
        continue;
      }
      if (
        (t.tags.has('Preposition') && t.norm !== 'of') ||
        ['against', 'onto', 'into', 'via', 'towards', 'toward'].includes(t.norm)
      )
        break;
      // A number or a word of time after the noun opens an adverbial
      // ("answered the page three hours late").
      if (
        t.tags.has('Value') ||
        ['late', 'early', 'again', 'twice', 'once', 'every', 'each'].includes(
          t.norm,
        )
      )
        break;
      // The object ends before a relative clause, a pronoun, a particle
      // or an adverb ("the steps he used", "the flag back", "… again").
      // A relative clause stays with its object: "the manual steps he used
      // for the failover were not documented".
      if (
        (t.tags.has('Pronoun') || ['who', 'which', 'that'].includes(t.norm)) &&
        isVerb(s.tokens[k + 1])
      ) {
        k = c.to;
        break;
      }
      if (
        t.tags.has('Pronoun') ||
        t.tags.has('Adverb') ||
        t.tags.has('Expression') ||
        t.tags.has('Conjunction') ||
        t.tags.has('QuestionWord') ||
        PARTICLES.has(t.norm) ||
        ['who', 'which', 'that', 'we', 'he', 'she', 'they', 'i'].includes(
          t.norm,
        )
      )
        break;
      if (isVerb(t) && !t.tags.has('Noun') && !t.tags.has('Adjective')) {
        // A compound noun read as a verb ("the secrets file").
        const prev = s.tokens[k - 1];
        const next = s.tokens[k + 1];
        const compound =
          prev.tags.has('Noun') &&
          !t.tags.has('PastTense') &&
          !t.tags.has('Gerund') &&
          (!next ||
            k + 1 >= c.to ||
            next.tags.has('Preposition') ||
            next.tags.has('Value'));
        if (!compound) break;
      }
    }
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
  // "How could the on-call not notice …?" has no statement to keep.
  if (s.question && s.tokens[0]?.norm === 'how') return undefined;
  // "The team was negligent in …": the judgement is the predicate; dropping
  // it leaves no sentence.
  for (const k of skip) {
    const before = s.tokens[k - 1];
    if (
      before &&
      (before.lemma === 'be' || before.tags.has('Copula')) &&
      (s.tokens[k].tags.has('Adjective') || s.tokens[k].tags.has('Adverb'))
    )
      return undefined;
  }
  if (agentMatch) {
    body =
      rewritePassiveAgent(s, agentMatch, skip) ??
      rewriteAgentClause(s, agentMatch, skip);
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

/**
 * A passive with a person as agent: "caused by Yara's edit to the pool" →
 * "caused by the edit to the pool"; "deleted by Raj while cleaning up" →
 * "deleted while cleaning up".
 */
function rewritePassiveAgent(
  s: Sentence,
  m: RuleMatch,
  skip: Set<number>,
): string | undefined {
  const { tokens } = s;
  if (m.rule !== 'named-person') return undefined;
  let by = -1;
  for (let k = m.from; k <= m.to; k++) if (tokens[k].norm === 'by') by = k;
  if (by < 0 || by !== m.from + 1) return undefined;
  const owner = tokens
    .slice(by + 1, m.to + 2)
    .findIndex(t => t.possessive || PERSON_POSSESSIVES.has(t.norm));
  const head = words(s, 0, by + 1, skip);
  if (owner >= 0) {
    // The act stays, its owner goes.
    const o = by + 1 + owner;
    const tail = words(s, o + 1, tokens.length, skip);
    return tail ? `${head} the ${tail}` : undefined;
  }
  const tail = words(s, m.to + 1, tokens.length, skip).replace(/^[,;:]\s*/, '');
  if (!tail || !/^(while|when|during|after|before|at|on|in)\b/i.test(tail))
    return undefined;
  return `${words(s, 0, by, skip)} ${tail}`;
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
    isPeople(subject.kind) ||
    subject.kind === 'negative' ||
    (subject.owner && isPeople(subject.owner));
  if (!people && m.rule !== 'counterfactual' && m.rule !== 'forgot')
    return undefined;
  const tokens = s.tokens;
  // compromise reads the bare verb of a question as a noun ("why didn't
  // Tariq page the DB team"): the parse already found it.
  if (c.question && c.verb >= 0 && !isVerb(tokens[c.verb])) {
    tokens[c.verb].tags.add('Verb');
    tokens[c.verb].tags.add('Infinitive');
  }
  // Conditional counterfactuals: "If X had followed the runbook, …".
  let start = c.verb >= 0 ? c.verb : m.from;
  if (c.question) start = c.verb;
  const v = mainVerb(s, start, c);
  if (v < 0) return undefined;
  const verb = tokens[v];
  // A gerund is no finite act to restate ("told engineering about …").
  if (verb.tags.has('Gerund')) return undefined;
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
    subject.kind === 'negative' ||
    c.question;
  // "could have avoided": a possibility, with no fact to state.
  if (
    m.rule === 'counterfactual' &&
    s.tokens
      .slice(c.from, v)
      .some(t => ['could', 'might', 'would', 'can'].includes(t.norm)) &&
    !s.tokens
      .slice(c.from, v)
      .some(t => ['should', 'ought', 'must'].includes(t.norm))
  )
    return undefined;
  // "let the certificate lapse" → "The certificate lapsed".
  if (verb.lemma === 'let') {
    let d = v + 1;
    while (d < c.to && !DECAY_VERBS.has(lemma(tokens[d].norm, DECAY_VERBS)))
      d++;
    if (d >= c.to || d === v + 1) return undefined;
    const decayed = `${words(s, v + 1, d, skip)} ${pastTense(
      lemma(tokens[d].norm, DECAY_VERBS),
    )}`;
    const tail = words(s, d + 1, tokens.length, skip);
    return tail ? `${decayed} ${tail}` : decayed;
  }
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
    /^(that|to|if|whether|how|as|not)\b/i.test(object)
  ) {
    object = '';
  }
  const lemmaOf = verb.lemma.split(' ')[0];
  const objectTokens = passiveAlready
    ? tokens.slice(subject.from, subject.to + 1)
    : tokens.slice(objFrom, objTo);
  // The number of the object's head: the last noun before "of" or a
  // relative clause ("the downstream teams of the API change").
  let headAt = objectTokens.findIndex(
    (t, k) =>
      k > 0 &&
      (t.norm === 'of' ||
        t.tags.has('Pronoun') ||
        (isParticiple(t) && objectTokens[k - 1].tags.has('Noun')) ||
        ['who', 'which', 'that'].includes(t.norm)),
  );
  if (headAt < 0) headAt = objectTokens.length;
  const objectHead = objectTokens[headAt - 1];
  const plural =
    !!objectHead &&
    (objectHead.tags.has('Plural') ||
      (/[^s]s$/.test(objectHead.norm) && objectHead.tags.has('Verb')));
  const be = plural ? 'were' : 'was';
  // "had no answer" has no passive; a bare singular word is no object
  // ("disappeared mid-incident" → "Mid-incident was disappeared").
  const only = objectTokens.length === 1 ? objectTokens[0] : undefined;
  if (
    lemmaOf === 'have' ||
    (only &&
      object &&
      !passiveAlready &&
      !NEUTRAL_OUTCOMES[lemmaOf] &&
      /^\p{Ll}/u.test(only.text) &&
      (['us', 'me', 'him', 'her', 'them', 'you'].includes(only.norm) ||
        /^mid-/.test(only.norm) ||
        PARTICLES.has(only.norm) ||
        // "winged it", "phoned it in": an idiom, unless left undone ("it
        // was not done").
        (['it', 'this', 'that'].includes(only.norm) && !negated) ||
        (!only.tags.has('Noun') && !only.tags.has('Pronoun')) ||
        only.tags.has('Adverb')))
  )
    return undefined;
  let clause: string;
  // "did not look at the runbook" → "the runbook was not looked at".
  const prep = tokens[objFrom];
  if (
    negated &&
    !object &&
    prep &&
    ['at', 'to', 'about', 'into', 'for', 'on'].includes(prep.norm) &&
    objFrom < c.to - 1
  ) {
    const [pFrom, pTo] = objectAndRest(s, objFrom, c);
    // "thought to check …", "needed to look …", "answered for 35 min":
    // an infinitive or a span of time is no object.
    const p0 = tokens[pFrom];
    if (
      !p0 ||
      p0.tags.has('Value') ||
      (tokens[objFrom].norm === 'to' &&
        (p0.tags.has('Infinitive') || ['be', 'check'].includes(p0.norm)))
    )
      return undefined;
    const pObject = words(s, pFrom, pTo, skip);
    const pRest = words(s, pTo, c.to, skip);
    const pHead = tokens[pTo - 1];
    if (pObject && !/^(that|to|if|whether|how|not)\b/i.test(pObject)) {
      const pBe =
        pHead && (pHead.tags.has('Plural') || /[^s]s$/.test(pHead.norm))
          ? 'were'
          : 'was';
      object = pObject;
      rest = `${prep.norm}${pRest ? ` ${pRest}` : ''}`;
      clause = `${object} ${pBe} not ${participle(lemmaOf)} ${rest}`;
    } else return undefined;
  } else if (negated) {
    if (!object) return undefined;
    clause = `${object} ${be} not ${participle(lemmaOf)}${
      rest ? ` ${rest}` : ''
    }`;
  } else if (NEUTRAL_OUTCOMES[lemmaOf] || NEUTRAL_OUTCOMES[verb.norm]) {
    if (!object) return undefined;
    // A phrasal fault needs its particle ("took the site down", not "took
    // the backups for granted").
    const particles = PHRASAL_FAULTS.filter(
      ([phrasal]) => phrasal === lemmaOf,
    ).map(([, p]) => p);
    if (
      particles.length > 0 &&
      !tokens.slice(v + 1, c.to).some(t => particles.includes(t.norm))
    )
      return undefined;
    // The particle is in the outcome ("took the site down" → "went down").
    if (particles.length > 0)
      rest = rest.replace(new RegExp(`^(${particles.join('|')})\\b\\s*`), '');
    let outcome = NEUTRAL_OUTCOMES[lemmaOf] ?? NEUTRAL_OUTCOMES[verb.norm];
    if (plural) outcome = outcome.replace(/^was /, 'were ');
    // "ignored the alerts on db-07 all week": the place stays with the
    // object, not after "acted on".
    const place = /\bon$/.test(outcome)
      ? /^on ((?:(?!all|for|since|during|every|at|in|before|after|until|when|while)[^\s,;]+ ?)+)(.*)$/i.exec(
          rest,
        )
      : null;
    if (place) {
      object = `${object} on ${place[1].trim()}`;
      rest = place[2].replace(/^[,\s]+/, '').trim();
    }
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
  // A second verb group left in the clause ("this was merged didn't run
  // it") means the structure was not understood.
  if (
    /\b(didn't|did not|doesn't|don't|wasn't|weren't|isn't|aren't|couldn't)\b/i.test(
      `${object} ${rest}`,
    )
  )
    return undefined;
  // Words of the clause before its subject ("At 10:05 …") are facts too.
  // The subject's noun phrase runs back from its head over determiners,
  // adjectives and nouns ("The release engineer", "Customer Support").
  let subjectStart = subject.from;
  if (subject.from >= c.from && subject.to < v) {
    // Past a leading time or place ("At 10:05 Jane …").
    while (
      subjectStart < subject.to &&
      (tokens[subjectStart].tags.has('Preposition') ||
        tokens[subjectStart].tags.has('Value') ||
        tokens[subjectStart].tags.has('Date'))
    )
      subjectStart++;
  }
  if (
    subjectStart > c.from &&
    subjectStart < v &&
    c.marker !== 'if' &&
    !c.question
  ) {
    const lead = words(s, c.from, subjectStart, skip);
    if (lead && /^(and|but|so|or|then)$/i.test(lead))
      clause = `${lead} ${clause}`;
    // A label keeps its colon ("Trigger: the limiter was disabled").
    else if (lead && /:/.test(tokens[subjectStart - 1].post))
      clause = `${lead.replace(/:?$/, ':')} ${clause}`;
    else if (lead) clause = `${lead.replace(/[,;:]$/, '')}, ${clause}`;
  }
  // The other clauses of the sentence, without their people.
  const before =
    c.from > 0 && c.marker !== 'if' ? words(s, 0, c.from, skip) : '';
  const afterRaw = words(s, c.to, tokens.length, skip);
  const after = afterRaw.replace(/^(and|but|so|which)\b\s*/i, '');
  const conditional = c.marker === 'if' || tokens[c.from]?.norm === 'had';
  if (conditional) {
    // "If Ethan had followed the plan, only one region would have been
    // affected" → "If the plan had been followed, only one region …".
    if (!object || lemmaOf === 'be') return undefined;
    const hypothesis = `if ${object} had been ${participle(lemmaOf)}${
      rest ? ` ${rest}` : ''
    }`;
    const consequence = afterRaw.replace(/^[,;:]\s*/, '');
    return consequence ? `${hypothesis}, ${consequence}` : undefined;
  }
  // A following clause that shares the person as its subject has no
  // agent-free form here.
  const next = s.clauses[s.clauseOf[c.to] ?? -1];
  if (next && next !== c && next.subject === c.subject && next.verb >= 0)
    return undefined;
  const lead = before.replace(/[,;:]\s*$/, '');
  // "…, and Ethan didn't do it" → "…, and it was not done".
  let parts = clause;
  if (/\b(and|but|so|or)$/i.test(lead)) parts = `${lead} ${clause}`;
  else if (lead && /:/.test(tokens[c.from - 1]?.post ?? ''))
    parts = `${lead}: ${clause}`;
  else if (lead) parts = `${lead}, ${clause}`;
  if (!after) return parts;
  // "…, again", "…, classic": a repeat stays as a word of the clause; a
  // verdict goes.
  const tail = after.replace(/^[,;:]\s*/, '').replace(/[.!?]+$/, '');
  if (/^(again|once again|yet again)$/i.test(tail)) return `${parts} again`;
  if (CHAT_VERDICTS.has(tail.toLowerCase())) return parts;
  // "…, which caused the interruption": the relative clause stays one, of
  // the whole statement.
  let k = c.to;
  while (k < tokens.length && (!tokens[k].text || skip.has(k))) k++;
  if (tokens[k]?.norm === 'which' && isVerb(tokens[k + 1]))
    return `${parts}, ${words(s, k, tokens.length, skip)}`;
  // "…, who let her near prod": a question of people left behind.
  if (tokens[k]?.norm === 'who') return undefined;
  // "… and then blamed the schema": an act of the same agent, left without
  // its subject, has no agent-free form here.
  while (
    k < tokens.length &&
    ['and', 'then', 'but', 'so', 'which', 'that', 'who'].includes(
      tokens[k].norm,
    )
  )
    k++;
  const head = tokens[k];
  if (
    head &&
    isVerb(head) &&
    !head.tags.has('Gerund') &&
    !head.tags.has('Auxiliary') &&
    !head.tags.has('Copula') &&
    k > c.to
  )
    return undefined;
  const subordinate =
    next &&
    (SUBORDINATORS.has(next.marker ?? '') ||
      tokens[c.to]?.tags.has('Preposition'));
  return `${parts}${subordinate ? ' ' : '; '}${after.replace(/^[,;:]\s*/, '')}`;
}

export type { Token };
