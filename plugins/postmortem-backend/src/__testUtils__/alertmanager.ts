/**
 * An Alertmanager notification (webhook version 4) of one alert on
 * checkout-service, as the intake tests send it.
 */
export function alertmanagerNotification(options: {
  status: 'firing' | 'resolved';
  alertname: string;
  fingerprint: string;
  summary: string;
  startsAt: string;
  /** Open alerts carry Alertmanager's zero time. */
  endsAt?: string;
  /** The alert's own group unless given. */
  groupKey?: string;
}) {
  const { status, alertname, fingerprint } = options;
  return {
    version: '4',
    groupKey: options.groupKey ?? `{}:{alertname="${alertname}"}`,
    status,
    receiver: 'postmortem',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status,
        labels: {
          alertname,
          service: 'checkout-service',
          severity: 'critical',
        },
        annotations: { summary: options.summary },
        startsAt: options.startsAt,
        endsAt: options.endsAt ?? '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example:9090/graph',
        fingerprint,
      },
    ],
  };
}
