import { isPeople } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  COUNTERFACTUAL_AUX,
  COUNTERFACTUAL_MODALS,
  DILIGENCE_STEMS,
} from '../lexicon';
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
  for (const c of s.clauses) {
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
