/**
 * The German rules on their own, before the clause model: each behaviour
 * with a blameful sentence and a neutral twin.
 */
import { modelMayFlag, ruleFindings } from '../blamelessCheck';
import { buildNameIndex } from '../parse';
import {
  askedOthersDe,
  averted,
  blameDeniedDe,
  factFindingDe,
  praisedDe,
  roleHolderDe,
} from './context';
import { parseSentenceDe } from './parse';

const names = buildNameIndex(['Greta Lindqvist', 'greta.lindqvist']);

function flagged(text: string): boolean {
  return ruleFindings('de', parseSentenceDe(text, 0, names)).length > 0;
}

describe('German contexts that clear an act', () => {
  it.each([
    // An act that protected things.
    [
      'Greta hat den Test deaktiviert, damit die Pipeline nicht mehr rot ist.',
      'Greta hat den Consumer gestoppt, damit die Zeilen nicht auf die Replicas gelangen.',
    ],
    // Credit in a counterfactual.
    [
      'Ohne Gretas Alleingang wäre das nicht passiert.',
      'Ohne Gretas schnelle Reaktion wäre die Ausfallzeit länger gewesen.',
    ],
    // A team that confirmed, a provider that delayed.
    [
      'Greta hat den Account gesperrt, weil sie genervt war.',
      'Greta hat den Account gesperrt, weil das Fraud-Team einen Missbrauch bestätigt hatte.',
    ],
    [
      'Der Nachtdienst hat die SMS nicht gelesen, weil er keine Lust hatte.',
      'Der Nachtdienst hat die SMS nicht gelesen, weil der Provider die Zustellung verzögert hat.',
    ],
    // An act that stopped harm, one a plan covered.
    [
      'Greta hat den Uplink abgeschaltet, um früher nach Hause zu gehen.',
      'Greta hat den Uplink abgeschaltet, um den Broadcast-Sturm zu unterbrechen.',
    ],
    [
      'Das Lagerteam hat die Umstellung durchgezogen, obwohl ein Scanner ausfiel, weil es keine Lust auf eine Verschiebung hatte.',
      'Das Lagerteam hat die Umstellung durchgezogen, obwohl ein Scanner ausfiel, weil der Plan genau diesen Fall abdeckte.',
    ],
  ])('may blame %j but clears %j', (blameful, neutral) => {
    const clears = (text: string) => {
      const s = parseSentenceDe(text, 0, names);
      return !modelMayFlag('de', s) && ruleFindings('de', s).length === 0;
    };
    expect(clears(blameful)).toBe(false);
    expect(clears(neutral)).toBe(true);
  });
});

describe('German guards on what the model may flag', () => {
  const guards = {
    praisedDe,
    factFindingDe,
    blameDeniedDe,
    roleHolderDe,
    averted,
    askedOthersDe,
  };
  it.each([
    // Praise and thanks of people, not sour or beside a failing.
    [
      'praisedDe',
      'Danke an Greta, die mal wieder ohne zu fragen deployt hat.',
      'Danke an Greta, die die Übergabe so sorgfältig vorbereitet hat.',
    ],
    [
      'praisedDe',
      'Greta hat hervorragend koordiniert und dabei leider die Kunden vergessen.',
      'Greta hat hervorragend koordiniert, obwohl sie gar keinen Dienst hatte.',
    ],
    // A question marked as fact-finding.
    [
      'factFindingDe',
      'Wer hat eigentlich die Firewall-Regel gelöscht? will nur wissen, wen ich fragen muss',
      'Wer hat die Firewall-Regel zuletzt geändert? will nur wissen, ob das zum Change gehörte',
    ],
    [
      'factFindingDe',
      'Greta fragt, warum Tom den Job nicht gestoppt hat, um das zu klären.',
      'Greta fragt, wer den Job angelegt hat, um die Laufzeiten zu klären.',
    ],
    // Blame named only to be denied.
    [
      'blameDeniedDe',
      'Kein Vorwurf, aber Greta hätte das Backup prüfen müssen.',
      'Kein Vorwurf an Greta, der Schritt stand in keinem Runbook.',
    ],
    // A holder of a role or an action item.
    [
      'roleHolderDe',
      'Zuständig für den Ausfall: Greta Lindqvist.',
      'Zuständig für die Nachverfolgung: Greta Lindqvist.',
    ],
    [
      'roleHolderDe',
      'Verantwortlich für das Import-Fiasko ist Greta.',
      'Verantwortlich für Maßnahme M3 ist Greta.',
    ],
    // A harm averted or a rule upheld.
    [
      'averted',
      'Greta hat den Node neu gestartet, weil sie sonst länger hätte warten müssen.',
      'Greta hat den Node neu gestartet, weil der Speicherfehler sonst den Host mitgerissen hätte.',
    ],
    [
      'averted',
      'Greta hat die Anfrage abgelehnt, weil sie keine Lust hatte.',
      'Greta hat die Anfrage abgelehnt, weil sie gegen die Datenschutzrichtlinie verstoßen hätte.',
    ],
    // A person who asked others before acting.
    [
      'askedOthersDe',
      'Greta hat nicht gefragt, ob jemand Einwände hat, und den Hotfix ausgerollt.',
      'Greta hat vorher gefragt, ob jemand Einwände hat, und dann den Hotfix ausgerollt.',
    ],
    [
      'askedOthersDe',
      'Greta hat gefragt, ob jemand draufschauen kann, und trotzdem sofort gemergt.',
      'Greta hat im Channel gefragt, ob jemand draufschauen kann, bevor sie mergt.',
    ],
  ] as const)('%s: not %j but %j', (guard, blameful, neutral) => {
    const clears = (text: string) =>
      guards[guard](parseSentenceDe(text, 0, names));
    expect(clears(blameful)).toBe(false);
    expect(clears(neutral)).toBe(true);
  });
});

describe('German rules', () => {
  it.each([
    // A chat mention names a person, catalogued or not.
    [
      'Der Rollout stockte, weil @ole.brandt die Freigabe schon wieder nur halbherzig erteilt hat.',
      'Der Rollout lief weiter, weil @ole.brandt die Freigabe nach dem Lasttest erteilt hat.',
    ],
    // What did not come from people: a reproach without a verb of theirs.
    [
      'Vom Nachtdienst kam bis zum Morgen kein einziges Update.',
      'Vom Nachtdienst kam um 04:10 das Update zur Sperrung.',
    ],
    [
      'Von Greta kam in drei Stunden genau eine Nachricht.',
      'Von Greta kam um 03:15 die Nachricht, dass der Import läuft.',
    ],
    // Rhetorical questions in chat, without the question mark.
    [
      'hat überhaupt irgendwer vom frontend die release notes gelesen',
      'hat jemand eigentlich schon das ticket für den export angelegt',
    ],
    [
      'wieso hat eigentlich keiner vom support die kundin zurückgerufen',
      'wieso ist der export eigentlich erst um acht fertig geworden',
    ],
    // Wondering aloud about a person.
    [
      'Ich frage mich ernsthaft, ob Greta die Doku überhaupt geöffnet hat.',
      'Ich frage mich, ob der Importjob überhaupt gestartet ist.',
    ],
    // Roles of other words: the Swiss "Pikett" is the on-call person.
    [
      'Hätte das Pikett früher eskaliert, wäre der Shop nicht ausgefallen.',
      'Hätte der Healthcheck früher angeschlagen, wäre der Shop nicht ausgefallen.',
    ],
    // Irony closing a sentence about a person, not about a system.
    [
      'Greta hat den Cache mitten im Sale geleert, glänzende Idee.',
      'Der Autoscaler hat mitten im Sale hochskaliert, glänzende Idee.',
    ],
    // Thanks for a night lost, not for an act done in the night.
    [
      'Danke an Greta für die aufregende Nacht.',
      'Danke an Greta für die Koordination in der Nacht.',
    ],
    // Hindsight with "wäre", of people, not of people who undergo an act.
    [
      'Wäre der Reviewer seiner Prüfpflicht nachgekommen, hätte es keinen Ausfall gegeben.',
      'Wäre der Reviewer früher informiert worden, hätte es keinen Ausfall gegeben.',
    ],
    // After a condition about a system, the people of the consequence
    // are not blamed.
    [
      'Hätte Greta das Runbook gelesen, hätte sie den Schalter gefunden.',
      'Hätte der Alarm im richtigen Kanal geklingelt, hätte Greta den Schalter gefunden.',
    ],
    // An embedded question is verb-final: its subject is found.
    [
      'Mir ist schleierhaft, warum Greta schon wieder ohne Review deployt hat.',
      'Mir ist schleierhaft, warum der Importjob schon wieder so lange lief.',
    ],
    // "bitte" in a polite request is no rhetorical particle.
    [
      'Greta, hast du das bitte wirklich ohne Test ausgerollt?',
      'Greta, könntest du bitte noch die Zeitleiste ergänzen?',
    ],
    // A team named like a system is people when only people do its verb.
    [
      'Die Suchplattform hat den Feiertagstraffic schlicht nicht bedacht.',
      'Die Suchplattform hat den Feiertagstraffic schlicht nicht verkraftet.',
    ],
    // A failing told as a habit of people, not of a system.
    [
      'Die Rufbereitschaft hat wie so oft erst nach dem dritten Anruf reagiert.',
      'Der Importjob ist wie so oft erst nach dem dritten Versuch durchgelaufen.',
    ],
    [
      'hat halt wieder keiner die doku gelesen',
      'Schon wieder ist der Export gescheitert, keiner der Retries half.',
    ],
    // A place between the verb and nobody: the subject is still nobody.
    [
      'Warum hat im Frontend-Team niemand die Release Notes gelesen?',
      'Warum hat im Frontend-Team keine Sonde angeschlagen?',
    ],
    // Acting without a reason or on one's own is a skipped step.
    [
      'Der Index wurde vom Nachtdienst ohne erkennbaren Grund gelöscht.',
      'Der Index wurde vom Nachtdienst nach Absprache mit dem DBA gelöscht.',
    ],
    [
      'Die Bereitschaft hat den Failover im Alleingang ausgelöst.',
      'Die Bereitschaft hat den Failover nach dem Runbook ausgelöst.',
    ],
    // A better person or a lacked quality in hindsight, not an exculpation.
    [
      'Eine halbwegs erfahrene Entwicklerin hätte den Deadlock sofort gesehen.',
      'Auch eine erfahrene Entwicklerin hätte den Deadlock nicht gesehen.',
    ],
    [
      'Mit etwas mehr Sorgfalt beim Nachtdienst wäre der Export nie gelaufen.',
      'Mit einem zweiten Replikat wäre der Export nie gelaufen.',
    ],
    // Blame through timing: haste and the middle of what an act disturbs.
    [
      'Greta hat den Preis-Change noch schnell gemergt und ist gegangen.',
      'Greta hat den Preis-Change nach dem Review gemergt und ist gegangen.',
    ],
    [
      'Der Nachtdienst hat das Volume mitten im Import ausgehängt.',
      'Der Nachtdienst hat mitten im Import die Kommunikation übernommen.',
    ],
    [
      'Greta hat den Broker mitten im Jahresabschluss neu gestartet.',
      'Greta hat den Broker mitten im Jahresabschluss neu gestartet, weil die Queue sonst übergelaufen wäre.',
    ],
    // An act a clause calls agreed or allowed is the process at work.
    [
      'Greta hat die Warnung ignoriert, wie es die Checkliste nicht erlaubt.',
      'Greta hat die Warnung ignoriert, wie es die Checkliste erlaubt.',
    ],
    // Human error named to be ruled out.
    [
      'Als Ursache steht menschliches Versagen fest.',
      'Menschliches Versagen wird als Ursache ausgeschlossen.',
    ],
    // "keiner der Checks" is none of the things, not nobody.
    [
      'Warum hat keiner der Admins die Logs geprüft?',
      'Warum hat keiner der Healthchecks die Logs geprüft?',
    ],
    // An embedded question after "sondern" has its own subject.
    [
      'Es geht darum, wer den Befehl eingegeben hat, und warum Greta ohne Rückfrage gehandelt hat.',
      'Es geht nicht darum, wer den Befehl eingegeben hat, sondern warum das Tool ihn ohne Rückfrage akzeptiert hat.',
    ],
    // "trotz" a broken thing is adversity overcome, not a signal defied.
    [
      'Der Nachtdienst hat trotz der Warnung das Volume ausgehängt.',
      'Der Nachtdienst hat trotz des kaputten Pagers sofort reagiert.',
    ],
    // An averted outcome or a wish is no counterfactual reproach.
    [
      'Greta hat den Import abgebrochen, sie hätte ihn vorher prüfen müssen.',
      'Greta hat den Import abgebrochen, er hätte sonst die Tabelle überschrieben.',
    ],
    // A rule of the process allows the act, after a semicolon or as a reason.
    [
      'Greta hat den Hotfix ohne Freigabe ausgerollt; das hat niemand bemerkt.',
      'Greta hat den Hotfix ohne Freigabe ausgerollt; bei Notfällen ist die Freigabe nachträglich vorgesehen.',
    ],
    // A system reason after a semicolon explains an omission.
    [
      'Greta hat die Zertifikatskette nicht geprüft; sie hatte keine Lust.',
      'Greta hat die Zertifikatskette nicht geprüft; die Checkliste sah den Schritt nicht vor.',
    ],
    // A question mark inside a line ends a clause.
    [
      'Wer hat den Absatz geschrieben? Greta hätte ihn prüfen müssen.',
      'Wer hat den Absatz geschrieben? Ich hätte eine Rückfrage.',
    ],
    // An act the sentence lays on things ("liegt an …").
    [
      'Dass Greta den falschen Host erwischt hat, liegt an ihrer Schlamperei.',
      'Dass Greta den falschen Host erwischt hat, liegt an den fast gleichen Hostnamen.',
    ],
    // A system reason that misled: things that look alike, a tag overwritten.
    [
      'Greta hat die falsche Version deployt, weil sie keine Lust auf Nachprüfen hatte.',
      'Greta hat die falsche Version deployt, weil das Tag in der Registry überschrieben worden war.',
    ],
    // An act whose purpose is the response.
    [
      'Greta hat den Proxy umgangen, um früher Feierabend zu machen.',
      'Greta hat den Proxy umgangen, um den Fehler einzugrenzen.',
    ],
    // An act in the change calendar or the maintenance window is scheduled.
    [
      'Kurz vor Feierabend hat Greta die Firewall umgestellt.',
      'Kurz vor Feierabend hat Greta die Firewall umgestellt, die seit Montag im Change-Kalender stand.',
    ],
    // A question about a system or about what forced a person.
    [
      'Warum hat Greta eigentlich den Dienst neu gestartet?',
      'Warum musste Greta sich überhaupt auf dem Host einloggen?',
    ],
    [
      'wieso hat greta eigentlich 9 min gebraucht? weiß das wer?',
      'warum is der failover eigentlich 9 min gelaufen? weiß das wer?',
    ],
    // People named to be ruled out; blame as a topic; owned-up conduct.
    [
      'Die Störung ist auf die Einzelpersonen im Betrieb zurückzuführen.',
      'Die Störung ist auf eine fehlende Validierung zurückzuführen, nicht auf Einzelpersonen.',
    ],
    [
      'Greta ist schuld an dem Ausfall.',
      'Es geht um Abläufe, nicht um die Frage, wer schuld ist.',
    ],
    [
      'Der Bericht nennt die Fehleinschätzung der Betriebsleitung.',
      'Der Bericht nennt die eigene Fehleinschätzung der Betriebsleitung.',
    ],
    // A step skipped by others, while the people of the clause helped.
    [
      'Das DBA-Team hat den Restore ohne Vorwarnung gestartet.',
      'Danke an das DBA-Team, das den Restore ohne Vorwarnung übernommen hat.',
    ],
    // Thinking put in order with acting.
    [
      'Beim nächsten Release bitte erst nachdenken, dann ausrollen.',
      'Beim nächsten Release bitte erst die Logs sichern, dann ausrollen.',
    ],
    // The writers' group is no one else.
    [
      'Jeder von denen hätte das sehen müssen.',
      'Jeder von uns hätte das sehen müssen.',
    ],
  ])('flags %j but not %j', (blameful, neutral) => {
    expect(flagged(blameful)).toBe(true);
    expect(flagged(neutral)).toBe(false);
  });
});
