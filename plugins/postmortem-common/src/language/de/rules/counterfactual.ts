import { type Clause, isPeople } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  BETTER_PERSON_STEMS,
  COUNTERFACTUAL_AUX,
  COUNTERFACTUAL_CONDITION,
  COUNTERFACTUAL_VERBS,
  LACKED_QUALITIES,
  COUNTERFACTUAL_MODALS,
  DILIGENCE_STEMS,
} from '../lexicon';
import { endsWithHead, kindOfHeadDe } from '../parse';
import { hasStem, isVerbForm, negationIn } from './helpers';

/**
 * Counterfactuals about people: "Anna hätte die Backups prüfen müssen",
 * "Wenn Lukas die Logs gelesen hätte, …", "Hätte der Bereitschaftsdienst
 * früher eskaliert, …". Systems as subjects ("Der Healthcheck hätte … erkennen
 * müssen") and exculpations ("Niemand hätte vorhersehen können", "hätte es
 * nicht wissen können") are not flagged.
 */
export const counterfactualRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  const isCondition = (d: Clause) =>
    d.marker === 'wenn' ||
    d.marker === 'falls' ||
    COUNTERFACTUAL_CONDITION.has(tokens[d.from]?.norm ?? '');
  // A better person or a quality someone lacked, in hindsight: "Ein
  // erfahrener Admin hätte das gesehen", "hätte selbst die Werkstudentin
  // gesehen", "Mit etwas mehr Sorgfalt bei Payments wäre das nicht
  // passiert". Not an exculpation ("Auch ein erfahrener Admin hätte das
  // nicht erkannt").
  const would = tokens.findIndex(
    t => !t.quoted && COUNTERFACTUAL_VERBS.has(t.norm),
  );
  if (would >= 0) {
    const c = s.clauses[s.clauseOf[would]];
    const exculpated =
      negationIn(s, c.from, c.to) >= 0 &&
      tokens
        .slice(c.from, c.to)
        .some(t => /^(auch|selbst|sogar|niemand)$/.test(t.norm));
    const role = (from: number, to: number) =>
      tokens
        .slice(from, Math.min(to, tokens.length))
        .some(t => !t.quoted && isPeople(kindOfHeadDe(t)));
    const better = tokens.findIndex(
      (t, k) =>
        !t.quoted &&
        ((BETTER_PERSON_STEMS.some(b => t.norm.startsWith(b)) &&
          role(k + 1, k + 4)) ||
          (/^(selbst|sogar)$/.test(t.norm) && role(k + 1, k + 3))),
    );
    const lacked = tokens.findIndex(
      (t, k) =>
        !t.quoted &&
        /^(mit|bei)$/.test(t.norm) &&
        tokens
          .slice(k + 1, k + 6)
          .some(x => !x.quoted && endsWithHead(x.norm, LACKED_QUALITIES) > 0),
    );
    const found = better >= 0 ? better : lacked;
    if (found >= 0 && !exculpated) {
      out.push({
        rule: 'counterfactual',
        from: Math.min(found, would),
        to: Math.max(found, would),
      });
      return out;
    }
  }
  for (const c of s.clauses) {
    // "Wäre Ole seiner Pflicht nachgekommen, …", "Wenn die Bereitschaft
    // da gewesen wäre, …": the same hindsight with "sein" as auxiliary.
    const wäre = tokens.findIndex(
      (t, k) =>
        k >= c.from &&
        k < c.to &&
        !t.quoted &&
        /^(wäre|wären|wärst|wärt)$/.test(t.norm),
    );
    if (
      wäre >= 0 &&
      (wäre === c.from || c.marker === 'wenn' || c.marker === 'falls') &&
      isPeople(c.subject.kind) &&
      !tokens
        .slice(c.from, c.to)
        .some(t => /^(worden|geworden)$/.test(t.norm)) &&
      tokens
        .slice(c.from, c.to)
        .some(
          (t, k) =>
            c.from + k !== wäre &&
            isVerbForm(t) &&
            (t.tags.has('Participle') ||
              /^\p{Ll}*ge\p{Ll}+(t|en)$/u.test(t.norm)),
        )
    ) {
      out.push({ rule: 'counterfactual', from: c.from, to: c.to - 1 });
      continue;
    }
    const aux = tokens.findIndex(
      (t, k) =>
        k >= c.from && k < c.to && !t.quoted && COUNTERFACTUAL_AUX.has(t.norm),
    );
    if (aux < 0) continue;
    const modal = tokens.findIndex(
      (t, k) => k >= c.from && k < c.to && COUNTERFACTUAL_MODALS.has(t.norm),
    );
    const participle = tokens.findIndex(
      (t, k) =>
        k >= c.from &&
        k < c.to &&
        k !== aux &&
        isVerbForm(t) &&
        (t.tags.has('Participle') || /^ge\p{L}+(t|en)$/u.test(t.norm)),
    );
    const negation = negationIn(s, c.from, c.to);
    const passive = tokens.some(
      (t, k) => k >= c.from && k < c.to && t.norm === 'werden',
    );
    const subject = c.subject;
    if (subject.kind === 'negative') continue;
    // "…, er hätte sonst die Tagesdaten überschrieben": the outcome an act
    // averted; "er hätte gern gegenprüfen lassen": a wish.
    if (
      tokens
        .slice(c.from, c.to)
        .some(t => /^(sonst|andernfalls|gern|gerne)$/.test(t.norm))
    )
      continue;
    if (modal >= 0 && tokens[modal].norm === 'können' && negation >= 0)
      continue;
    if (passive) {
      // "… hätte geprüft werden müssen": someone's diligence, unstated.
      if (
        participle >= 0 &&
        hasStem(tokens[participle].norm, DILIGENCE_STEMS) &&
        !isPeople(subject.kind)
      )
        out.push({ rule: 'counterfactual', from: aux, to: participle });
      continue;
    }
    if (!isPeople(subject.kind)) continue;
    // "Wäre der Alarm im richtigen Kanal gelandet, hätte die Bereitschaft
    // ihn gesehen": after a condition about a system, the people of the
    // consequence would have been helped, not blamed.
    const before = s.clauses.filter(d => d.to <= c.from && isCondition(d));
    if (
      before.length > 0 &&
      before.every(d => !isPeople(d.subject.kind) && d.subject.kind !== 'none')
    )
      continue;
    // "hätte … müssen", a conditional "wenn X … gelesen hätte" or an
    // inverted one "Hätte X … gelesen, …".
    const conditional =
      c.marker === 'wenn' || c.marker === 'falls' || aux === c.from;
    if (modal >= 0 || participle >= 0 || conditional) {
      const to = Math.max(modal, participle, aux);
      out.push({ rule: 'counterfactual', from: Math.min(aux, c.from), to });
    }
  }
  return out;
};
