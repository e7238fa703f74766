import { checkBlamelessLanguage } from '../blamelessCheck';
import { finiteParticipleDe, participleDe } from './rewrite';

const names = ['Jana Roth', 'jana.roth', 'Timo Brandt'];
const checkDe = (text: string) =>
  checkBlamelessLanguage(text, { personNames: names, language: 'de' });

describe('German rewrites', () => {
  it.each([
    // a step left out after the act: "ohne … zu" → "ohne dass … wurde"
    [
      'Timo hat den Cache-Cluster neu gestartet, ohne die Abhängigkeiten zu prüfen.',
      'Der Cache-Cluster wurde neu gestartet, ohne dass die Abhängigkeiten geprüft wurden.',
    ],
    [
      'Jana hat die Route geändert, ohne den Netzplan zu lesen.',
      'Die Route wurde geändert, ohne dass der Netzplan gelesen wurde.',
    ],
    [
      'Jana hat die Logs rotiert, ohne sie zu sichern.',
      'Die Logs wurden rotiert, ohne dass sie gesichert wurden.',
    ],
    // an act undone and forgotten: "und vergessen, sie wieder zu …"
    [
      'Die Bereitschaft hat den Index gelöscht und vergessen, ihn wieder anzulegen.',
      'Der Index wurde gelöscht und nicht wieder angelegt.',
    ],
    [
      'Jana hat die Sperre aufgehoben und vergessen, sie wieder zu setzen.',
      'Die Sperre wurde aufgehoben und nicht wieder gesetzt.',
    ],
    // asides of judgement before or after the act go
    [
      'Timo hat den Failover einfach ausgelöst, klassiker',
      'Der Failover wurde ausgelöst.',
    ],
    [
      'ganz ehrlich, Timo hat die Firewall-Regel gelöscht.',
      'Die Firewall-Regel wurde gelöscht.',
    ],
    ['Jana hat den Pager weggeklickt lol', 'Der Pager wurde nicht beachtet.'],
    // a lexical verb in the present (timelines) or the preterite
    [
      '09:14 – Timo löscht einfach den Namespace auf dem Staging-Cluster, obwohl dort noch Tests laufen.',
      '09:14 – Der Namespace wird auf dem Staging-Cluster gelöscht, obwohl dort noch Tests laufen.',
    ],
    [
      '23:40 – Jana schließt das Ticket, obwohl die Fehlerrate noch bei 8 % liegt.',
      '23:40 – Das Ticket wird geschlossen, obwohl die Fehlerrate noch bei 8 % liegt.',
    ],
    [
      'Um 02:00 startete Timo den Reindex, obwohl die Last noch hoch war.',
      'Um 02:00 wurde der Reindex gestartet, obwohl die Last noch hoch war.',
    ],
    // a person's motive goes with the person
    [
      'Im Serverraum zog der Techniker das Netzkabel des falschen Switches, weil er sich verzählt hatte.',
      'Im Serverraum wurde das Netzkabel des falschen Switches gezogen.',
    ],
    [
      'Timo hat die Tabelle geleert, weil ihm das Warten zu lange dauerte.',
      'Die Tabelle wurde geleert.',
    ],
    // verb-final clauses: "dass/weil X … hat/hatte" → "… wurde/worden war"
    [
      'Die Auslieferung stockte, weil Timo die Konfiguration nicht geprüft hatte.',
      'Die Auslieferung stockte, weil die Konfiguration nicht geprüft worden war.',
    ],
    [
      'Es ist festzuhalten, dass Jana die Zertifikate ohne Rücksprache getauscht hat.',
      'Es ist festzuhalten, dass die Zertifikate ohne Rücksprache getauscht wurden.',
    ],
    // the negation stays before the adverbials it stood before
    [
      'Der Restore scheiterte, weil der Administrator die Sicherung nicht richtig geprüft hat.',
      'Der Restore scheiterte, weil die Sicherung nicht richtig geprüft wurde.',
    ],
  ])('rewrites %p', (sentence, rewrite) => {
    const [finding] = checkDe(sentence);
    expect(finding?.rewrite).toBe(rewrite);
    expect(checkDe(rewrite)).toEqual([]);
  });

  it.each([
    // irony stays irony whatever the subject
    'Schön, dass Timo auch mal den Alarm gelesen hat.',
    // the person's next act has no passive
    'Timo hat den Alarm quittiert und ist dann zum Essen gegangen.',
  ])('makes no rewrite of %p', sentence => {
    const findings = checkDe(sentence);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0].rewrite).toBeUndefined();
  });

  it('forms participles of infinitives and finite verbs', () => {
    expect(participleDe('öffnen')).toBe('geöffnet');
    expect(participleDe('schließen')).toBe('geschlossen');
    expect(participleDe('verschieben')).toBe('verschoben');
    expect(participleDe('sichern')).toBe('gesichert');
    expect(finiteParticipleDe('startet')).toEqual({
      participle: 'gestartet',
      present: true,
    });
    expect(finiteParticipleDe('löschte')).toEqual({
      participle: 'gelöscht',
      present: false,
    });
    expect(finiteParticipleDe('zog', 'ab')).toEqual({
      participle: 'abgezogen',
      present: false,
    });
    expect(finiteParticipleDe('ignorierte')).toEqual({
      participle: 'ignoriert',
      present: false,
    });
    expect(finiteParticipleDe('startet', 'neu')?.participle).toBe(
      'neu gestartet',
    );
    // unknown verbs are left alone
    expect(finiteParticipleDe('geht')).toBeUndefined();
  });
});
