import { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  EvidenceCollector,
  IncidentSource,
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemIncidentSourcesExtensionPoint,
  postmortemRemediationVerifiersExtensionPoint,
  postmortemTrackersExtensionPoint,
  RemediationCheckVerifier,
  RemediationTracker,
} from '@postmortems/plugin-postmortem-node';

/** What modules added through the plugin's extension points, by id. */
export interface PostmortemExtensions {
  incidentSources: Map<string, IncidentSource>;
  evidenceCollectors: Map<string, EvidenceCollector>;
  trackers: Map<string, RemediationTracker>;
  /** Verifiers of remediation items' automated checks, by check kind. */
  verifiers: Map<string, RemediationCheckVerifier>;
}

/** Adds to a map by id; two modules claiming one id is a startup error. */
function addById<T>(
  map: Map<string, T>,
  what: string,
  added: T[],
  idOf: (item: T) => string = item => (item as { id: string }).id,
) {
  for (const item of added) {
    const id = idOf(item);
    if (map.has(id)) {
      throw new Error(`${what} '${id}' is already added`);
    }
    map.set(id, item);
  }
}

/**
 * Registers the extension points through which modules add incident
 * sources, evidence collectors, trackers and remediation verifiers; the maps fill as modules
 * initialise, before the plugin's own init runs.
 */
export function registerExtensionPoints(
  env: BackendPluginRegistrationPoints,
): PostmortemExtensions {
  const extensions: PostmortemExtensions = {
    incidentSources: new Map(),
    evidenceCollectors: new Map(),
    trackers: new Map(),
    verifiers: new Map(),
  };
  env.registerExtensionPoint(postmortemIncidentSourcesExtensionPoint, {
    addIncidentSource(...sources) {
      addById(extensions.incidentSources, 'Incident source', sources);
    },
  });
  env.registerExtensionPoint(postmortemEvidenceCollectorsExtensionPoint, {
    addEvidenceCollector(...collectors) {
      addById(extensions.evidenceCollectors, 'Evidence collector', collectors);
    },
  });
  env.registerExtensionPoint(postmortemTrackersExtensionPoint, {
    addTracker(...trackers) {
      addById(extensions.trackers, 'Tracker', trackers);
    },
  });
  env.registerExtensionPoint(postmortemRemediationVerifiersExtensionPoint, {
    addRemediationVerifier(...verifiers) {
      addById(
        extensions.verifiers,
        'Verifier of checks of kind',
        verifiers,
        v => v.kind,
      );
    },
  });
  return extensions;
}
