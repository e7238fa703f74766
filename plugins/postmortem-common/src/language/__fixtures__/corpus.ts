/**
 * Labelled sentences from realistic incident postmortems, used to measure
 * the precision and recall of `checkBlamelessLanguage`.
 *
 * Labelling rules, consistent with the check:
 *
 * - Sentences are blameful when they blame people: "human error", a person or
 *   team that "failed to" or "forgot", counterfactuals about what people
 *   "should have" done, judgement of character ("careless"), hindsight words
 *   ("obviously", "just had to") and named people as the subject of a failure.
 * - Sentences are neutral when they describe what a system did or should do
 *   ("the failover failed to start", "the health check should have caught the
 *   regression"), name people for what they did without a failure ("Ada led
 *   the response"), or state conditions.
 */

/** One labelled corpus sentence. */
import type { LabelledSentence } from './types';

interface BlamelessCorpusEntry {
  sentence: string;
  blameful: boolean;
}

/**
 * People of the demo organisation that the corpus sentences name, as display
 * names and user names.
 *
 * @public
 */
export const BLAMELESS_CORPUS_PERSON_NAMES: string[] = [
  'Ada Okafor',
  'ada.okafor',
  'Liam Chen',
  'liam.chen',
  'Sofia Martinez',
  'sofia.martinez',
  'Noah Fischer',
  'noah.fischer',
  'Priya Raman',
  'priya.raman',
  'Mateo Rossi',
  'mateo.rossi',
  'Hana Suzuki',
  'hana.suzuki',
  'Olivia Brennan',
  'olivia.brennan',
  'Kwame Mensah',
  'kwame.mensah',
  'Ingrid Larsen',
  'ingrid.larsen',
  'Diego Alvarez',
  'diego.alvarez',
  'Fatima Zahra',
  'fatima.zahra',
  'Lucas Moreau',
  'lucas.moreau',
  'Emma Novak',
  'emma.novak',
  'Tomasz Kowalski',
  'tomasz.kowalski',
];

const blameful = (sentence: string): BlamelessCorpusEntry => ({
  sentence,
  blameful: true,
});
const neutral = (sentence: string): BlamelessCorpusEntry => ({
  sentence,
  blameful: false,
});

/**
 * Labelled corpus of postmortem sentences: blameful sentences (including
 * subtle ones naming people), neutral sentences, and neutral sentences that
 * look blameful because a system is the subject.
 *
 * @public
 */
export const BLAMELESS_CORPUS: LabelledSentence[] = [
  // Blameful: human error, "failed to", counterfactuals, "forgot",
  // judgement, hindsight, and named people as the subject of a failure.
  blameful('The outage was caused by human error.'),
  blameful('Root cause: operator error during the database migration.'),
  blameful(
    'The incident report lists human error as the primary contributing factor.',
  ),
  blameful('This was a classic case of user error on the admin console.'),
  blameful('The engineer failed to run the migration before deploying.'),
  blameful('Ada Okafor failed to update the status page during the incident.'),
  blameful(
    'We failed to communicate the maintenance window to the support team.',
  ),
  blameful(
    'The SRE team failed to notice the disk filling up over the weekend.',
  ),
  blameful(
    'She failed to escalate to the database team when the replica lag grew.',
  ),
  blameful('The on-call failed to acknowledge the page for twenty minutes.'),
  blameful(
    'The release manager failed to check the change calendar before approving the deploy.',
  ),
  blameful(
    "Liam Chen's failure to rotate the credentials left the old key active for a month.",
  ),
  blameful('Ada Okafor and Liam Chen failed to coordinate the two migrations.'),
  blameful('Liam should have checked the dashboard before merging.'),
  blameful(
    'The team should have tested the migration on a production-sized dataset.',
  ),
  blameful('The operator could have rolled back sooner.'),
  blameful('They should not have deployed on a Friday afternoon.'),
  blameful(
    "The engineer should've known that the flag was shared with billing.",
  ),
  blameful('We could have avoided this by reading the release notes.'),
  blameful(
    'A more experienced engineer would have noticed the typo in the hostname.',
  ),
  blameful(
    'If Kwame had followed the runbook, the outage would have been avoided.',
  ),
  blameful('Had the developer tested locally, the bug would have been caught.'),
  blameful('The bug should have been caught in code review.'),
  blameful('This regression should have been noticed during the canary phase.'),
  blameful(
    'Someone should have double-checked the DNS change before it went live.',
  ),
  blameful('Priya ought to have paged the database team earlier.'),
  blameful('Sofia should have escalated as soon as the error rate doubled.'),
  blameful(
    'Emma should have waited for the canary to finish before promoting the release.',
  ),
  blameful('We should have caught this in staging.'),
  blameful(
    'If she had read the alert description, she would have known which runbook to use.',
  ),
  blameful(
    'The on-call forgot to silence the noisy alert before starting the maintenance.',
  ),
  blameful('Sofia neglected to rotate the expiring certificate.'),
  blameful('The warning in the deploy log was overlooked.'),
  blameful('The reviewer overlooked the missing index on the orders table.'),
  blameful('Fatima forgot that the flag also controlled billing.'),
  blameful('The release manager neglected the change freeze.'),
  blameful('Tomasz simply forgot to enable the feature flag after the deploy.'),
  blameful('The cleanup step was forgotten during the handover.'),
  blameful('The engineers neglected the capacity warnings for weeks.'),
  blameful('He forgot to drain the node before rebooting it.'),
  blameful('The database team overlooked the replication lag alarm.'),
  blameful('This was a careless change to the firewall rules.'),
  blameful('The rollout plan was sloppy.'),
  blameful("Ingrid's negligence led to the data loss."),
  blameful('The on-call engineer was too lazy to check the logs.'),
  blameful(
    'Incompetent handling of the rollback extended the outage by an hour.',
  ),
  blameful('Pushing an untested schema change at midnight was reckless.'),
  blameful('It was a rookie mistake to run the script against production.'),
  blameful("The intern's mistake took down the checkout API."),
  blameful('Lucas was careless with the production credentials.'),
  blameful("The outage was entirely the on-call engineer's fault."),
  blameful('The deploy went out because nobody bothered to check the canary.'),
  blameful('Nobody on the platform team bothered to read the upgrade notes.'),
  blameful('The team ignored the capacity warnings from the autoscaler.'),
  blameful('It was obvious from the logs that the disk was filling up.'),
  blameful('Obviously, the migration needed a lock timeout.'),
  blameful("The developer clearly didn't read the migration guide."),
  blameful('He just had to run the cleanup script.'),
  blameful('All she had to do was restart the consumer group.'),
  blameful(
    'The logs clearly showed that the connection pool was exhausted long before anyone acted.',
  ),
  blameful('This could easily have been avoided with a dry run.'),
  blameful('The fix was obvious to anyone who looked at the error budget.'),
  blameful('Noah broke the build by pushing directly to main.'),
  blameful('Priya missed the page at 02:13.'),
  blameful('Mateo ignored the failing canary and continued the rollout.'),
  blameful('She messed up the DNS change.'),
  blameful("Hana's config change caused the outage."),
  blameful('Someone accidentally deleted the production bucket.'),
  blameful('Olivia Brennan did not check the replica lag before failing over.'),
  blameful('Diego made a mistake in the Terraform variables.'),
  blameful(
    "Lucas Moreau's typo in the hostname broke DNS resolution for the EU region.",
  ),
  blameful('Emma Novak was responsible for the outage.'),
  blameful('ada.okafor skipped the review step on the hotfix.'),
  blameful('Fatima Zahra approved the pull request without reading it.'),
  blameful('He ignored three consecutive alerts from the payment service.'),
  blameful("Kwame's change to the retry policy caused the thundering herd."),
  blameful("Liam Chen's rushed merge broke the payment flow."),
  blameful('Ingrid Larsen misconfigured the load balancer health check.'),
  blameful(
    'The operator fat-fingered the replica count and scaled the cluster to zero.',
  ),
  blameful('The developer introduced a regression in the session cache.'),
  blameful('Noah Fischer never tested the rollback path.'),
  blameful('It was Priya who broke the staging environment.'),
  blameful('Mateo dropped the ball on the certificate renewal.'),
  blameful('Tomasz Kowalski pushed a broken config to production.'),
  blameful('The engineer on call missed two pages during the night.'),
  blameful("Hana Suzuki didn't follow the runbook during the failover."),
  blameful('Sofia Martinez botched the database failover.'),
  blameful(
    'The outage happened because Olivia ignored the deprecation notice.',
  ),
  blameful(
    'Kwame Mensah took down the API gateway while testing a new rate limit.',
  ),
  blameful('Priya Raman accidentally ran the cleanup job against production.'),
  // Blameful sentences written as a held-out check of the rules.
  blameful('Kwame pushed the change without waiting for CI to finish.'),
  blameful("The outage was the result of a developer's oversight."),
  blameful('Had Sofia read the alert, she would have known to fail over.'),
  blameful(
    'Instead of following the runbook, Lucas improvised a fix on the primary.',
  ),
  blameful(
    "Emma assumed the migration was backwards compatible and didn't verify it.",
  ),
  blameful('The platform team dropped the ball on capacity planning.'),
  blameful('Ingrid should really have asked for a second reviewer.'),
  blameful('Our SREs missed the early warning signs in the latency graphs.'),
  blameful('Anyone paying attention would have seen the disk usage climbing.'),
  blameful("Diego's sloppy Terraform change deleted the production DNS zone."),
  blameful('The root cause was Olivia running the wrong script.'),
  blameful(
    'Someone on the payments team disabled the alert and never re-enabled it.',
  ),
  blameful('He was careless when editing the firewall rules.'),
  blameful('Mateo was supposed to monitor the rollout but went to lunch.'),
  blameful(
    'The mistake was made by the on-call engineer, who restarted the wrong cluster.',
  ),
  blameful('Priya chose to skip the canary to save time.'),
  blameful('Tomasz blindly copied the config from staging.'),
  blameful("Noah didn't bother to check whether the backup had completed."),
  blameful('The engineer ignored the linter warnings.'),
  blameful("It's clear that Hana rushed the deploy."),
  blameful(
    "After the deploy, Ada didn't look at the error dashboard for almost an hour.",
  ),
  blameful(
    'The incident started when Liam ran the migration on the wrong database.',
  ),
  blameful(
    'Sofia, who was the incident commander, forgot to post updates in the status channel.',
  ),
  blameful(
    'Our operators should have recognised the pattern from the March incident.',
  ),
  blameful(
    "Noah Fischer's decision to bypass the canary led directly to the outage.",
  ),
  blameful('The reviewers clearly did not look at the diff closely.'),
  blameful('Priya Raman overrode the safety check because she was in a hurry.'),
  blameful(
    'This happened because the developer was not careful enough with the config.',
  ),
  blameful('The contractor failed to follow our change management process.'),
  blameful("It's frustrating that the team keeps making the same mistake."),
  blameful('Hana should not have approved her own pull request.'),
  blameful(
    'The on-call responder ignored the runbook and restarted every pod at once.',
  ),
  blameful(
    'Had anyone looked at the queue depth, the backlog would have been obvious.',
  ),
  blameful("Olivia's carelessness with the API keys exposed customer data."),
  blameful('The release was botched by the mobile team.'),
  // Neutral look-alikes: systems as subjects, negated or technical uses.
  neutral('The failover failed to start.'),
  neutral(
    'The health check should have caught the regression, so we added a test for it.',
  ),
  neutral(
    'The alert failed to fire because the threshold was set above the observed peak.',
  ),
  neutral(
    'The cache forgot its entries after the restart because persistence was disabled.',
  ),
  neutral('The migration script failed to acquire a lock on the orders table.'),
  neutral(
    'The deploy pipeline should have blocked the release when the smoke tests failed.',
  ),
  neutral(
    'The runbook now clearly documents how to drain a node before a restart.',
  ),
  neutral(
    'The failure mode was not obvious from the dashboards available at the time.',
  ),
  neutral('The lazy loading path skipped the cache warm-up on cold start.'),
  neutral(
    'Ada Okafor led the incident response and coordinated with the database team.',
  ),
  neutral(
    'Liam Chen paged the storage team at 14:05 after the error rate crossed 5%.',
  ),
  neutral('Every service should have an owner listed in the catalog.'),
  neutral(
    'If the canary had been enabled, we would have caught the regression before it reached production.',
  ),
  neutral(
    'Our deploy broke the checkout flow, and we rolled back within twelve minutes.',
  ),
  neutral(
    'The retry logic failed to back off, which overloaded the primary database.',
  ),
  neutral(
    'The config validator overlooked the trailing whitespace in the hostname.',
  ),
  neutral(
    'Sofia Martinez noticed that the failover failed to start and escalated to the database team.',
  ),
  neutral('Kafka consumers failed to rebalance after the broker restart.'),
  neutral(
    'The job should have retried with exponential backoff, but the retry policy was missing from its config.',
  ),
  neutral(
    'The scheduler neglected low-priority jobs under sustained load, which starved the report queue.',
  ),
  neutral(
    'The new dashboard makes the queue depth clearly visible to the on-call.',
  ),
  neutral('There was no obvious signal in the logs before the disk filled.'),
  neutral(
    "Noah's rollback failed to complete because the previous image had been garbage-collected.",
  ),
  neutral('Simply restarting the pods did not clear the stuck connections.'),
  neutral(
    'The alerting rule should have a runbook link, so we added one to every rule.',
  ),
  neutral(
    'Fault injection in staging now exercises the failover path every week.',
  ),
  neutral(
    'The form now shows a user error message when the API key is malformed.',
  ),
  neutral(
    'Each engineer should have access to the read-only production dashboards.',
  ),
  neutral(
    "The database should've rejected writes once the replica lag exceeded the limit.",
  ),
  neutral(
    'The load balancer failed to drain connections from the unhealthy node.',
  ),
  neutral(
    'Priya Raman rolled back the deploy at 09:42, which restored checkout.',
  ),
  neutral(
    "Hana Suzuki's analysis showed that the cron job had failed to run for three days.",
  ),
  neutral(
    'The team failed over the database to the secondary region at 10:15.',
  ),
  neutral(
    'She restarted the worker pool, and the backlog drained within ten minutes.',
  ),
  neutral(
    'The incident could have lasted longer if the autoscaler had not added capacity.',
  ),
  neutral('The monitoring would have paged sooner with a lower threshold.'),
  neutral(
    'The on-call engineer restarted the cache, which failed to warm up before traffic returned.',
  ),
  neutral(
    'The replica should have been promoted automatically, but the failover controller was paused.',
  ),
  neutral('It was not obvious that the flag also controlled the billing path.'),
  neutral(
    'The certificate expired because the renewal job failed to authenticate with the CA.',
  ),
  neutral(
    'The Terraform plan failed to show the destroy step because the resource had been renamed.',
  ),
  neutral(
    'Diego Alvarez introduced the new caching layer in March to cut read latency.',
  ),
  neutral('The patch introduced a regression in the session cache.'),
  neutral(
    'The deploy tool simply reverts the last release when the health check fails.',
  ),
  neutral(
    'The queue consumer missed messages while the broker was partitioned.',
  ),
  neutral('The cron job ignored the new timezone setting after the upgrade.'),
  neutral(
    'With better alerting, we would have known about the disk pressure an hour earlier.',
  ),
  neutral(
    'The rollback should have taken two minutes, but the image pull took twenty.',
  ),
  neutral(
    'The pager app failed to deliver notifications after the OS update logged users out.',
  ),
  neutral(
    'The git blame output pointed to a default that had not changed in three years.',
  ),
  neutral(
    'We do not assign blame in this review; the focus is on the deploy process.',
  ),
  neutral(
    'The controller simply had no timeout configured for the drain step.',
  ),
  neutral(
    'The migration should have been run before the deploy; the pipeline now enforces that order.',
  ),
  neutral('The old node image forgot the kernel parameters on every reboot.'),
  neutral(
    'The health probe overlooked the degraded disk because it only checked the HTTP port.',
  ),
  neutral(
    'The batch job could have finished in time if the queue had not been throttled.',
  ),
  neutral(
    'The canary would have caught the bug if it had run against production traffic.',
  ),
  neutral('The rollout tool should have paused after the first failing batch.'),
  neutral(
    'The developer docs now clearly label which flags are safe to toggle during peak hours.',
  ),
  neutral(
    'The human review step in the release checklist now requires two approvers.',
  ),
  neutral(
    'The autoscaler failed to add nodes because the instance quota was exhausted.',
  ),
  neutral(
    'The consumer group simply stopped processing once the partition leader moved.',
  ),
  neutral(
    'The status page failed to update because its API token had expired.',
  ),
  // Neutral: timeline facts, conditions and remediation.
  neutral('At 14:02 the error rate on the checkout service rose above 5%.'),
  neutral(
    'The database primary ran out of disk space after the audit log table grew unexpectedly.',
  ),
  neutral('The on-call engineer acknowledged the page within three minutes.'),
  neutral(
    'We rolled back the release at 14:20 and error rates returned to baseline by 14:31.',
  ),
  neutral('The connection pool was sized for the old traffic profile.'),
  neutral(
    'The runbook did not cover the case where both replicas were unavailable.',
  ),
  neutral(
    'The change was tested in staging, but staging does not run the billing integration.',
  ),
  neutral(
    'Alerts for the payments queue were routed to a channel that was archived last quarter.',
  ),
  neutral(
    'The deploy process allowed schema changes to ship without a dry run.',
  ),
  neutral('The feature flag defaulted to on for all tenants.'),
  neutral('Customer requests timed out for 23 minutes in the EU region.'),
  neutral(
    'The retry policy multiplied load on the database during the partial outage.',
  ),
  neutral(
    'We added a pre-deploy check that blocks migrations without a lock timeout.',
  ),
  neutral(
    'The upgrade notes mentioned the changed default, but the note was on page 14 of the changelog.',
  ),
  neutral(
    'The certificate expiry alert used a seven-day threshold, which fell over a holiday weekend.',
  ),
  neutral(
    'The on-call rotation had a gap because of a timezone conversion bug in the scheduling tool.',
  ),
  neutral(
    'Traffic shifted to the secondary region once the DNS records expired from resolver caches.',
  ),
  neutral(
    'The config change was reviewed and approved, but the review tool did not display the diff for YAML anchors.',
  ),
  neutral(
    'The responders did not have read access to the production database during the incident.',
  ),
  neutral('The flag naming made the billing dependency hard to see.'),
  neutral(
    'The incident commander opened a bridge and assigned a communications lead.',
  ),
  neutral('Latency recovered after the cache was warmed from the snapshot.'),
  neutral(
    'The analysis identified three contributing factors: a missing timeout, a shared flag and an alert with no owner.',
  ),
  neutral('The rate limiter counted retries as new requests.'),
  neutral(
    'The handover between shifts happened during the peak of the incident.',
  ),
  neutral(
    'The staging cluster ran a different kernel version from production.',
  ),
  neutral(
    'Noah Fischer ran the restore procedure, which took 47 minutes because the snapshot was stored in another region.',
  ),
  neutral(
    'The credential rotation script ran in dry-run mode because of an inverted flag.',
  ),
  neutral(
    'We are adding a confirmation prompt to the admin console for destructive actions.',
  ),
  neutral(
    'The alert fired at 02:13; the page was acknowledged at 02:31 after the escalation policy paged the secondary.',
  ),
  neutral(
    'The query planner switched to a sequential scan after the statistics were reset.',
  ),
  neutral(
    'The bucket lifecycle rule deleted objects older than 30 days, including the audit exports.',
  ),
  neutral(
    'The vendor API returned errors for 40 minutes, and our client had no circuit breaker.',
  ),
  neutral(
    'Responders initially suspected the network because the first alert came from the load balancer.',
  ),
  neutral(
    'Liam Chen joined the bridge at 02:40 and started the failover at 02:52.',
  ),
  // Neutral sentences written as a held-out check of the rules.
  neutral('The backup job did not complete because the volume was full.'),
  neutral(
    'The on-call engineer followed the runbook, but the runbook referenced a deleted dashboard.',
  ),
  neutral(
    'Fatima Zahra drafted the customer communication within fifteen minutes.',
  ),
  neutral(
    'The canary analysis should have compared error rates per region, so we changed its configuration.',
  ),
  neutral('The scheduler failed to place pods because every node was tainted.'),
  neutral(
    'Alerts for the replica lag went to an email list with no subscribers.',
  ),
  neutral('The incident was detected by a customer report at 08:55.'),
  neutral('A missing index caused the query to scan the whole table.'),
  neutral('The deploy tool ignored the pause annotation on the rollout.'),
  neutral(
    'Lucas Moreau and Emma Novak paired on the fix and deployed it at 11:40.',
  ),
  neutral('The load test did not exercise the cold-cache path.'),
  neutral("Liam's dashboard made the latency spike visible within a minute."),
  neutral(
    'The secondary region could have absorbed the traffic if autoscaling had been enabled there.',
  ),
  neutral(
    'The old runbook simply listed commands without explaining when to use them.',
  ),
  neutral(
    'The health check forgot to include the dependency on the auth service.',
  ),
  neutral(
    'The change was approved by two reviewers, and neither review tool showed the generated files.',
  ),
  neutral(
    'The failover failed to complete because DNS TTLs were set to one hour.',
  ),
  neutral('The engineer on call escalated to the database team at 03:12.'),
  neutral('Retries from the mobile clients amplified the load on the API.'),
  neutral(
    'The certificate was renewed, but the new certificate was not deployed to the edge proxies.',
  ),
  neutral(
    'After the deploy, the error dashboard showed a rise in 502 responses from the gateway.',
  ),
  neutral(
    'The migration ran against the reporting replica because both hosts shared a DNS alias.',
  ),
  neutral(
    'Sofia Martinez, the incident commander, posted updates every fifteen minutes.',
  ),
  neutral(
    'The alert description did not link to the runbook for this failure mode.',
  ),
  neutral(
    'Noah Fischer proposed adding a canary stage, which the team adopted.',
  ),
  neutral(
    'The diff viewer collapsed files larger than 500 lines, which hid the config change.',
  ),
  neutral(
    'The safety check could be overridden with a single flag, and the flag was documented in the help text.',
  ),
  neutral(
    'The config format allows duplicate keys, and the last one silently wins.',
  ),
  neutral(
    "The change management process did not cover contractors' access to production.",
  ),
  neutral(
    'The same failure mode appeared in March, but the earlier postmortem had no remediation items.',
  ),
  neutral(
    'Self-approval of pull requests was allowed on the infrastructure repository.',
  ),
  neutral(
    'Restarting every pod at once caused a thundering herd on the database.',
  ),
  neutral('The queue depth metric existed, but no alert was defined on it.'),
  neutral(
    'The API keys were stored in a shared document that was indexed by the search tool.',
  ),
  neutral('The mobile release pipeline does not support staged rollouts.'),
];
