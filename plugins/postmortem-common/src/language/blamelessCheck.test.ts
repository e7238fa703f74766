import fc from 'fast-check';
import { checkBlamelessLanguage, ruleFindings } from './blamelessCheck';
import { buildNameIndex, parseSentence } from './parse';
import { blameDenied, sanctioned } from './rules/context';
import type { BlamelessRule } from './rules/types';

const personNames = ['Ada Okafor', 'ada.okafor', 'Liam Chen', 'liam.chen'];

function check(text: string, names: string[] = personNames) {
  return checkBlamelessLanguage(text, { personNames: names });
}

function parse(text: string) {
  return parseSentence(text, 0, buildNameIndex(personNames));
}

function ruleFindingsOf(text: string) {
  return ruleFindings('en', parse(text));
}

function rulesOf(findings: Array<{ rule: BlamelessRule }>): BlamelessRule[] {
  return [...new Set(findings.map(f => f.rule))].sort();
}

describe('checkBlamelessLanguage', () => {
  it('returns nothing for empty or neutral text', () => {
    expect(check('')).toEqual([]);
    expect(check('   \n\n')).toEqual([]);
    expect(
      check(
        'At 14:02 the error rate rose above 5%. We rolled back at 14:20 and recovered by 14:31.',
      ),
    ).toEqual([]);
  });

  it.each([
    // systems as subjects
    'The failover failed to start.',
    'The cache forgot its entries after the restart.',
    'The deploy pipeline should have blocked the release.',
    'The cron job ignored the new timezone setting.',
    // quoted words and discussions of wording
    'The template said "human error" in its example.',
    "We added 'sloppy' to the language linter.",
    'The "Forgot password?" flow returned errors.',
    // technical terms
    'The store uses a sloppy quorum during partitions.',
    'Lazy loading delayed the first render.',
    // people in neutral roles, negated blame, questions about systems
    'Ada Okafor led the incident response.',
    'We do not assign blame in this review.',
    "Why didn't the alert fire?",
    'The failure mode was not obvious from the dashboards.',
    'The runbook now clearly documents how to drain a node.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each<[BlamelessRule, string]>([
    ['human-error', 'The outage was caused by human error.'],
    ['counterfactual', 'The engineer should have checked the dashboard.'],
    [
      'counterfactual',
      'Had the on-call looked at the graph, it would have been shorter.',
    ],
    ['failed-to', 'Support failed to escalate the tickets.'],
    ['failed-to', 'The DBA team did not verify the backup.'],
    ['failed-to', "Why didn't Liam check the error budget?"],
    ['failed-to', "She didn't bother checking the canary."],
    ['forgot', 'The on-call forgot to silence the alert.'],
    ['judgement', 'This was a careless change.'],
    ['judgement', 'The operator was not paying attention.'],
    ['judgement', 'The contractor cannot be trusted with production.'],
    ['hindsight', 'Obviously, the job needed a timeout.'],
    ['named-person', 'Ada broke the build.'],
    ['named-person', "The outage was caused by Liam's edit."],
    ['named-person', 'The operator typed the wrong command.'],
  ])('flags %s in %p', (rule, sentence) => {
    const findings = check(sentence);
    expect(rulesOf(findings)).toContain(rule);
    for (const f of findings) {
      expect(sentence.slice(f.start, f.end)).toBe(f.text);
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.suggestion.length).toBeGreaterThan(0);
      expect(sentence.slice(f.sentenceStart, f.sentenceEnd)).toBe(sentence);
    }
  });

  it('recognises people without catalog names, by the model and by structure', () => {
    expect(rulesOf(check('Kwame Mensah botched the failover.', []))).toEqual([
      'named-person',
    ]);
    expect(
      rulesOf(check('honestly mei just forgot to flip the flag', [])),
    ).toContain('forgot');
    expect(check('Redis replicas forgot their offset.', [])).toEqual([]);
  });

  it('rewrites around the system, keeping the facts and dropping the person', () => {
    const [finding] = check(
      'Ada Okafor failed to update the status page during the incident.',
    );
    expect(finding.rewrite).toBe(
      'The status page was not updated during the incident.',
    );
    expect(check('Liam ignored the page at 02:13.')[0].rewrite).toBe(
      'The page was not acted on at 02:13.',
    );
    expect(
      check('Obviously, the migration needed a lock timeout.')[0].rewrite,
    ).toBe('The migration needed a lock timeout.');
  });

  it.each([
    // an act that only judges, before the act that happened
    [
      'Ada Okafor panicked and rebooted the wrong gateway.',
      'An unintended gateway was rebooted.',
    ],
    [
      'Liam went rogue and disabled the deploy lock.',
      'The deploy lock was disabled.',
    ],
    // a habit stated as the act done
    [
      'The platform team kept deferring the TLS upgrade for six weeks.',
      'The TLS upgrade was deferred for six weeks.',
    ],
    ['Ada keeps skipping the canary stage.', 'The canary stage was skipped.'],
    // a person in a relative clause of the object
    [
      'Ada never recorded the commands she ran during the cutover.',
      'The commands run during the cutover were not recorded.',
    ],
    // a duty not done
    [
      'Liam was supposed to rotate the signing key before the release but never did.',
      'The signing key was not rotated before the release.',
    ],
    // an imagined better person: what they would have done did not happen
    [
      'A more careful reviewer would have caught the inverted condition.',
      'The inverted condition was not caught.',
    ],
    [
      'Any competent operator would not have drained both zones at once.',
      'Both zones were drained at once.',
    ],
    // knowing better than to act: the act happened
    [
      'Ada should have known better than to edit the routing table at peak load.',
      'The routing table was edited at peak load.',
    ],
    // the statement after a label or a time of a timeline, the lead kept
    [
      '09:12 — Ada ignores the disk alert and restarts the ingest job.',
      '09:12 — The disk alert was ignored and the ingest job was restarted.',
    ],
    // a chat handle as the subject, after a label that keeps its colon
    [
      'Root cause: @liam.chen committed the signing key to a public repo without checking.',
      'Root cause: the signing key was committed to a public repo without checking.',
    ],
    [
      'Trigger: Ada disabled the rate limiter before the load test.',
      'Trigger: the rate limiter was disabled before the load test.',
    ],
    // a relative clause of the statement stays one; a repeat stays a word
    [
      'The on-call engineer skipped the drain step, which caused the connection errors.',
      'The drain step was skipped, which caused the connection errors.',
    ],
    [
      'Ada rotated the signing key without telling anyone, again.',
      'The signing key was rotated without telling anyone again.',
    ],
  ])('rewrites %p plainly around the act', (sentence, rewrite) => {
    const [finding] = check(sentence);
    expect(finding?.rewrite).toBe(rewrite);
    expect(check(rewrite)).toEqual([]);
  });

  it('makes no plain rewrite that reads badly', () => {
    // "A quick look" is no imagined person: its words are facts.
    const [look] = check(
      'A quick look at the logs by the on-call would have revealed the problem.',
    );
    expect(look?.rewrite).not.toBe('The problem was not revealed.');
    // The particle of "pushing back" would be lost.
    const [pushed] = check(
      'The release manager kept pushing back the certificate rotation.',
    );
    expect(pushed?.rewrite).not.toBe('The certificate rotation was pushed.');
    // No passive of "have", of a particle or of a chat verdict.
    for (const sentence of [
      'The backend team had one job.',
      'Liam signed off on the release without opening it.',
      'Ada disappeared mid-incident, classic.',
    ])
      expect(check(sentence)[0]?.rewrite ?? '').not.toMatch(
        /\b(was|were) had\b|^Off was|^Mid-incident was/,
      );
    // An act with a verdict or the agent's own pronoun left in it.
    expect(
      check('Liam took it upon himself to rebuild the index by hand.')[0]
        ?.rewrite,
    ).toBeUndefined();
  });

  it('reports UTF-16 offsets into the whole text, sentence by sentence', () => {
    const text =
      '🔥 The failover failed to start.\nThen the on-call forgot to page the database team. Ada broke the build!';
    const findings = check(text);
    expect(rulesOf(findings)).toEqual(['forgot', 'named-person']);
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      expect(text.slice(f.sentenceStart, f.sentenceEnd).length).toBeGreaterThan(
        0,
      );
    }
    expect(findings.map(f => f.start)).toEqual(
      [...findings.map(f => f.start)].sort((a, b) => a - b),
    );
  });

  it('keeps offsets consistent on any text', () => {
    const words = fc.constantFrom(
      'Ada',
      'the',
      'engineer',
      'failed',
      'to',
      'should',
      'have',
      'checked',
      '"sloppy"',
      'forgot',
      'obviously',
      'cache',
      '.',
      '?',
      ',',
      '\n',
      '🔥',
      "didn't",
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 30 }), parts => {
        const text = parts.join(' ');
        for (const f of check(text)) {
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(f.start).toBeGreaterThanOrEqual(f.sentenceStart);
          expect(f.end).toBeLessThanOrEqual(f.sentenceEnd);
        }
      }),
      { numRuns: 200 },
    );
  });

  // Blame weighed over features of meaning, not idioms: conduct of people
  // (rules/conduct.ts), blame on people who are not the subject
  // (rules/attribution.ts), sarcasm and rhetorical questions (rules/rhetoric.ts).
  it.each([
    'Liam walked away from the console in the middle of the failover.',
    'The SRE on shift muted the pager for the night.',
    'Ada is hopeless at reading logs.',
    'The mobile devs were too impatient to wait for the canary.',
    'Ada went ahead with the deploy even though QA said no.',
    'The alerts were muted by the SRE on shift and never turned back on.',
    "The cluster was taken down by Liam's script.",
    'This mess is entirely on the DBA team.',
    'We spent the whole morning cleaning up after Liam.',
    'Well done, platform team, another outage on a Monday morning.',
    'Why on earth did Ada restart the primary during peak hours?',
    'So Ada just decided production was a good place to test?',
    'ugh liam again',
    // a secret left where others can read it, with no word of blame
    'Ada kept the deploy token in a shared spreadsheet.',
    'Liam left the backup bucket world-readable over the weekend.',
    'The on-call dismissed the replication alert as noise.',
    // trials on what is live, force-pushing over shared branches
    'Liam ran the load test against the production database.',
    'Ada force-pushed to the main branch during the release.',
    'Liam restarted every node in the cluster at the same time.',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  it.each([
    // the same words with systems, as planned, or after the work
    'The autoscaler muted the noisy alert for the night.',
    'The team went home at 19:00 after the all-clear.',
    'Ada took the afternoon off, as planned weeks earlier; Liam covered the rotation.',
    'The API was hammered by a retry storm from the mobile clients.',
    'The health check was a liability: it passed while the database was down.',
    // sincere praise and questions answered at once
    'Great work from everyone on the incident bridge last night.',
    'Why did Ada choose that window? It was the only one free of customer events.',
    'Ada is the reason we caught the leak early.',
    'Nobody checked their phones at the offsite because the venue had no signal.',
    'The QA team added a regression test for the parser.',
    'Ada stored the new deploy token in the secrets manager.',
    'The vault kept the token in memory for the session.',
    'Ada tested the fix in production at 14:10 and confirmed the recovery.',
    'Liam force-pushed the rebased commits to his feature branch.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  // A reason with a system, a document or a tool as its subject clears the
  // person; a reason about the person, or as the person judged it, does not.
  it.each([
    "Liam didn't page the DBA because the routing table listed the wrong rotation.",
    'Ada never saw the warning; it was printed above 400 lines of build output.',
    'The storage quota was full, so Liam did not take the snapshot.',
    'Ada skipped the canary as the deploy tool had no canary stage for workers.',
    'The ticket should have been raised at once; our paging policy did not mention batch jobs.',
    // the writers' own group
    'we never load-tested the gateway before the sale, and that is on the process we own',
    'The on-call did what any of us would have done with that dashboard.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    "Liam didn't page the DBA because he assumed someone else would.",
    'Ada skipped the canary because it looked like a trivial change.',
    'Liam wiped the cache because his own tests were slow.',
    'The reviewer should have caught the typo; it was right there in the diff.',
    'We lost the whole evening cleaning up after Ada.',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  // Blame denied or disclaimed by the writers.
  it.each([
    'The trigger was not human error but a missing lock on the job table.',
    'Operator error is not an explanation we accept in these reviews.',
    'Liam did not make a mistake in choosing the region; the form offered only one.',
    'The retro does not pin the blame to any one engineer.',
    'We decided to stop saying "the on-call should have known" in reviews.',
    'We are not asking whether Ada should have waited, but what the tooling showed her.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    'The outage was not just human error.',
    'Liam made a mistake when he picked the region.',
    'The incident can be traced back to Ada.',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  // Software named after a role, what was expected of a system and the
  // system that kept it from happening, a comma splice that gives a
  // standing condition, a quotation closed before a clause break.
  it.each([
    'The package manager mistakenly resolved the old lockfile.',
    'The scheduler should have retried the job, but the retry budget was set to zero.',
    'Ada should have been paged at 03:10, but the rotation had a gap that night.',
    'the day shift could not close the ticket, it requires a signed change request',
    'the on-call ran the first step of the playbook ("drain the node"), the playbook was not written for disk faults',
    'The vendor\'s portal blamed "a human error in the upgrade"; we asked for their timeline.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    'The release manager forgot to announce the freeze.',
    'Had the reviewer been more careful, the typo would have been caught.',
    'Liam should have checked the diff, but he was busy with his slides.',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  // Acts sanctioned by a decision, an approved plan, a runbook step or an
  // exception granted.
  it.each([
    'Liam failed the database over to the standby, as the incident lead had decided.',
    'The old queue was deleted by Ada as part of the approved decommissioning in OPS-77.',
    'Liam wiped the build cache as step 3 of the recovery playbook.',
    'Ada shipped the fix during the freeze with the exception that the change board had granted.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  // Passives with people as the agent of a lapse or of a wrong act.
  it.each([
    'the licence was allowed to lapse by the procurement team',
    'the disk was left to fill up by the weekend shift',
    'the wrong schema was applied by the contractor',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  it.each([
    'the licence was allowed to lapse by the vendor portal',
    'the correct schema was applied by the migration job',
    'the licence was renewed by the procurement team',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    'No alert we had would have fired on a slow leak like this one.',
    'No check we run would have caught the missing header.',
  ])('does not flag what the writers run: %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  // Twins: blame by an act called typical of its doers, by sour thanks, by
  // rhetorical yes/no questions, by verdicts that praise only in irony and
  // by leaving a change at a risky time; the neutral twin has the same frame.
  it.each([
    'The storage team, as usual, answered the escalation a day later.',
    'Liam once again merged the schema change on his own.',
    'Kudos to Ada for finally answering the page at noon.',
    'Nice of the network team to join the bridge three hours in.',
    'Kudos to Liam for the "small cleanup" that emptied the queue.',
    'Did anyone on the storage team even look at the disk graph?',
    'Was the reviewer actually reading the diff before approving it?',
    'Is it too much to ask that the mobile team runs the tests first?',
    'Interesting choice by Liam to resize the pool at noon.',
    'Liam merged the index change on a Friday evening and went home.',
  ])('flags the twin %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  it.each([
    'As usual for a Sunday, traffic peaked at 20:00.',
    'Once again the nightly compaction overran its window.',
    'Kudos to Ada for answering the page at noon.',
    'Nice of the network team to join the bridge so quickly.',
    'Kudos to Liam for the small cleanup that freed the disk.',
    'Did anyone on the storage team see the disk graph? It was on a hidden tab.',
    'Was the diff view showing the generated files before approval?',
    'Good choice by Liam to resize the pool at noon.',
    'Liam merged the index change on a Friday and logged off after handing over to Ada.',
  ])('does not flag the twin %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  // Twins: an act done after an approval, a check or a handover, or that a
  // document allows, is sanctioned; negated, it is not.
  it.each([
    'Liam restarted the primary after the database lead approved it on the bridge.',
    'Ada purged the queue once the owning team had confirmed it was empty.',
    'Liam left the bridge at 19:00 after handing incident command to Ada.',
    'Ada muted the alert, which the alerting policy allows during maintenance.',
    'Liam skipped the soak test, as the release guide suggests for config-only changes.',
    "Ada deleted the bucket per the customer's written request.",
  ])('treats %p as sanctioned', sentence => {
    expect(sanctioned(parse(sentence))).toBe(true);
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    'Liam restarted the primary after nobody had approved it.',
    'Ada muted the alert, which the alerting policy does not allow.',
    'Once again the storage team signs off on changes they never read.',
  ])('does not treat %p as sanctioned', sentence => {
    expect(sanctioned(parse(sentence))).toBe(false);
  });

  // Twins: a sentence that denies people's blame clears them; a contrast,
  // a question, a shift to others or doubt keeps the blame.
  it.each([
    'Nobody on the rota was careless; the pager app dropped the page.',
    "This was not Liam's mistake; the form hid the region field.",
    "The outage was nobody's fault: the certificate expired unannounced.",
    'None of the reviewers acted carelessly with what the diff showed.',
    'Ada, who did everything right, was paged by the wrong rotation.',
  ])('treats %p as denying blame', sentence => {
    expect(blameDenied(parse(sentence))).toBe(true);
    expect(check(sentence)).toEqual([]);
  });

  it.each([
    'Nobody was careless, but Liam skipped the canary.',
    "Why are we pretending this was not Liam's mistake",
    'Not my fault, Liam wrote that script.',
    'The report showed no errors, and Ada ignored the alert.',
  ])('does not treat %p as denying blame', sentence => {
    expect(blameDenied(parse(sentence))).toBe(false);
  });

  it.each([
    'The outage was not caused by human error.',
    'We do not see this as a case of human error.',
    'Calling this human error would hide what the tooling allowed.',
  ])('does not flag human error denied in %p', sentence => {
    expect(rulesOf(check(sentence))).not.toContain('human-error');
  });

  // Twins: a motive of whim, amusement or convenience; the outcome blamed
  // on people let near the work; the culprit named by hint; a person judged
  // unready for a duty. The neutral twin keeps the frame.
  it.each([
    'Liam resized the worker pool on a whim during the sale.',
    'Ada restarted the broker for no apparent reason at 14:00.',
    'Liam kept the canary running because he wanted to see whether it would recover.',
    "That's what happens when we let new joiners edit the routing table.",
    'We all know who pushed the schema change without a dry run.',
    'Guess who merged the hotfix without a review.',
    'Honestly, Liam is not ready to be on call for the payments cluster.',
  ])('flags the judgement twin %p', sentence => {
    expect(rulesOf(ruleFindingsOf(sentence))).toContain('judgement');
  });

  it.each([
    'The autoscaler resized the worker pool for no apparent reason at 14:00.',
    'Liam kept the canary running because the runbook asks for a full hour.',
    "That's what happens when the cache expires under load.",
    'We all know the failover takes about four minutes.',
    'Guess who is on call this weekend: the rota picks at random.',
    'Liam is not ready to be on call until his pager access comes through.',
  ])('finds no judgement in the twin %p', sentence => {
    expect(rulesOf(ruleFindingsOf(sentence))).not.toContain('judgement');
  });

  // Twins: a chat "bc" gives a reason as "because" does.
  it('reads a chat "bc" as "because"', () => {
    const reasoned = parse('ada held the deploy bc the canary was failing');
    expect(reasoned.clauses.some(c => c.marker === 'because')).toBe(true);
    expect(parse('BC Hydro held the feed').clauses).toHaveLength(1);
  });

  it('stays fast on long and pathological input', () => {
    const sentence =
      'Ada Okafor should have checked the dashboard because the engineer failed to run the migration, and the failover failed to start. ';
    const started = Date.now();
    const findings = check(sentence.repeat(500));
    expect(rulesOf(findings)).toEqual(['counterfactual', 'failed-to']);
    check('the engineer and the service and '.repeat(5000));
    check('a'.repeat(200000));
    check(`${'failed to '.repeat(5000)}`);
    expect(Date.now() - started).toBeLessThan(20000);
  });
});

describe('checkBlamelessLanguage in German', () => {
  const names = ['Jana Roth', 'jana.roth'];
  const checkDe = (text: string) =>
    checkBlamelessLanguage(text, { personNames: names, language: 'de' });

  it.each([
    // systems as subjects
    'Der Cronjob hat vergessen, seine Sperre freizugeben.',
    'Die Pipeline hat die Integrationstests übersprungen.',
    'Der Healthcheck hätte den hängenden Worker erkennen müssen.',
    // quoted words and interface labels
    'Die Seite „Passwort vergessen?“ lieferte Fehler 500.',
    'Im Template stand »menschliches Versagen« als Beispiel.',
    // people in neutral roles, exculpations, negated blame
    'Jana Roth hat den Incident-Call geleitet.',
    'Niemand hätte vorhersehen können, dass der Cache alles verwirft.',
    'Das war keine leichtsinnige Änderung.',
    'Warum hat der Alarm nicht ausgelöst?',
    // the writers' own "wir", sanctioned acts, system reasons
    'Wir haben die Warnung verpasst, weil sie in einem stummgeschalteten Kanal auflief.',
    'Jana hat trotz Freeze deployt, nachdem die Change-Leitung die Ausnahme freigegeben hatte.',
    'Jana hat den Failover abgestimmt mit dem Netzwerkteam gestartet.',
    'Der Support hat nicht eskaliert, weil die Eskalationsliste keinen Kontakt enthielt.',
    'Der Techniker hat das defekte Netzteil um 04:10 getauscht.',
    'Der Scheduler war zu faul konfiguriert und startete Jobs erst nach 60 Sekunden.',
    // pronouns of things, praise, absence with a reason, systems in irony
    'Der Exporter lieferte leere Metriken, obwohl er keine Fehler meldete.',
    'Danke an Jana, ohne die wir den Deadlock nicht so schnell gefunden hätten.',
    'Jana war kurz nicht erreichbar, weil sie im Kundentermin saß.',
    'Super Idee vom Autoscaler, nachts auf einen Knoten zu schrumpfen.',
    'Hat Jana den Bericht schon freigegeben?',
    'Rückblickend wirkt die Ursache offensichtlich, damals war sie es nicht.',
    'Die verspätete Reaktion der Bereitschaft lag an der falschen Rotation.',
    'Die Nachbereitung liegt beim Datenteam, das auch die Tickets pflegt.',
    'Der Incident ist ausdrücklich nicht auf einzelne Personen zurückzuführen.',
  ])('does not flag %p', sentence => {
    expect(checkDe(sentence)).toEqual([]);
  });

  it.each<[BlamelessRule, string]>([
    ['human-error', 'Ursache des Ausfalls war menschliches Versagen.'],
    ['counterfactual', 'Jana hätte die Backups prüfen müssen.'],
    [
      'counterfactual',
      'Wenn Jana die Logs gelesen hätte, wäre nichts passiert.',
    ],
    ['failed-to', 'Der Support hat das Ticket nicht eskaliert.'],
    ['failed-to', 'Warum hat Jana nicht sofort zurückgerollt?'],
    [
      'forgot',
      'Der Bereitschaftsdienst hat vergessen, den Alarm zu bestätigen.',
    ],
    ['judgement', 'Jana hat schlampig gearbeitet.'],
    ['named-person', 'Jana hat versehentlich den falschen Cluster gelöscht.'],
    // passives with people as the agent, roles of chat
    [
      'named-person',
      'Die Staging-Tabelle wurde von Jana versehentlich gelöscht.',
    ],
    ['failed-to', 'Der Alarm ist von Jana nicht bestätigt worden.'],
    [
      'failed-to',
      'Es wurde vom Betreiber versäumt, das Zertifikat zu erneuern.',
    ],
    ['named-person', 'der ic hat die warnung ignoriert'],
    // absence, competence, acting against a signal, irony, questions
    ['named-person', 'jana ist mitten im rollout einfach offline gegangen'],
    ['judgement', 'Das Datenteam hat von Indizes null Ahnung.'],
    [
      'named-person',
      'Jana hat den Rollout fortgesetzt, obwohl die Alarme schon liefen.',
    ],
    ['judgement', 'Tolle Idee von Jana, den Cache im Peak zu leeren.'],
    ['judgement', 'Hat Jana eigentlich jemals die Doku gelesen?'],
    ['failed-to', 'Jana hat den Port geöffnet, ohne die Firewall zu prüfen.'],
    // conduct nouns with their owner, blame laid on people
    ['judgement', 'Die Untätigkeit des Datenteams kostete uns zwei Stunden.'],
    ['judgement', 'Der Alleingang von Jana verzögerte den Rollback.'],
    ['judgement', 'Die Schuld für den Ausfall liegt eindeutig bei Jana.'],
    [
      'named-person',
      'Trotz der Warnung des Reviewers hat Jana den Branch gemergt.',
    ],
    ['named-person', 'Jana hat den Hotfix ohne Ticket durchgedrückt.'],
    [
      'named-person',
      'Der Restore dauerte so lange, weil Jana die Eskalation für unnötig hielt.',
    ],
    [
      'judgement',
      'Mit mehr Sorgfalt seitens des Datenteams wäre das nicht passiert.',
    ],
    [
      'failed-to',
      'Das Team Billing hat das Schema geändert, ohne irgendwen zu fragen.',
    ],
    ['judgement', 'Die Ursache liegt eindeutig beim Incident Commander.'],
    [
      'named-person',
      'Während des Freeze hat Jana trotzdem die neue Version ausgerollt.',
    ],
    ['named-person', 'Der Netzwerker hat die Route leichtfertig gelöscht.'],
    ['named-person', 'Jana hat den Rollback viel zu spät gestartet.'],
    [
      'named-person',
      'Jana hat das Ticket geschlossen, obwohl die Fehlerrate noch bei 9 % lag.',
    ],
  ])('flags %s in %p', (rule, sentence) => {
    expect(rulesOf(checkDe(sentence))).toContain(rule);
  });

  it('rewrites a German omission around its object, in the nominative', () => {
    const [finding] = checkDe(
      'Der Reviewer hat den fehlenden WHERE-Filter übersehen.',
    );
    expect(finding.rewrite).toBe(
      'Der fehlende WHERE-Filter wurde nicht bemerkt.',
    );
    expect(checkDe(finding.rewrite!)).toEqual([]);
  });

  it.each([
    [
      'Die Kollegen vom Datenteam haben die Warnung des Linters ignoriert.',
      'Die Warnung des Linters wurde nicht beachtet.',
    ],
    [
      'Um 03:12 hat Jana den Failover ausgelöst, ohne dem Team Bescheid zu sagen.',
      'Um 03:12 wurde der Failover ausgelöst, ohne dem Team Bescheid zu sagen.',
    ],
    [
      'Die Staging-Tabelle wurde von Jana versehentlich gelöscht.',
      'Die Staging-Tabelle wurde gelöscht.',
    ],
    [
      'Befund: Jana hat das Limit aus Ungeduld auf 0 gesetzt, weil sie fertig werden wollte.',
      'Befund: Das Limit wurde aus Ungeduld auf 0 gesetzt.',
    ],
  ])('rewrites %p around the system', (sentence, rewrite) => {
    const [finding] = checkDe(sentence);
    expect(finding?.rewrite).toBe(rewrite);
  });

  it('leaves English text to the English check by default', () => {
    expect(check('Ada broke the build.').length).toBeGreaterThan(0);
    expect(checkDe('Ada broke the build.')).toEqual([]);
  });
});

describe('German clauses with nothing after the verb', () => {
  it.each([
    'jonas hat das backup angestoßen und ist in die mittagspause, klassiker',
    'mara hat den import angeworfen und ist ins wochenende, klassiker',
  ])('checks %p without reading past the sentence', sentence => {
    const findings = checkBlamelessLanguage(sentence, {
      language: 'de',
      personNames: ['Jonas Weber', 'Mara Lind'],
    });
    expect(findings.length).toBeGreaterThan(0);
  });
});
