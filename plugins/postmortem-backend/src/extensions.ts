import { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  EvidenceCollector,
  IncidentSource,
  postmortemEvidenceCollectorsExtensionPoint,
  postmortemIncidentSourcesExtensionPoint,
  postmortemTrackersExtensionPoint,
  RemediationTracker,
} from '@postmortems/plugin-postmortem-node';

/** What modules added through the plugin's extension points, by id. */
export interface PostmortemExtensions {
  incidentSources: Map<string, IncidentSource>;
  evidenceCollectors: Map<string, EvidenceCollector>;
  trackers: Map<string, RemediationTracker>;
}

/** Adds to a map by id; two modules claiming one id is a startup error. */
function addById<T extends { id: string }>(
  map: Map<string, T>,
  what: string,
  added: T[],
) {
  for (const item of added) {
    if (map.has(item.id)) {
      throw new Error(`${what} '${item.id}' is already added`);
    }
    map.set(item.id, item);
  }
}

/**
 * Registers the extension points through which modules add incident
 * sources, evidence collectors and trackers; the maps fill as modules
 * initialise, before the plugin's own init runs.
 */
export function registerExtensionPoints(
  env: BackendPluginRegistrationPoints,
): PostmortemExtensions {
  const extensions: PostmortemExtensions = {
    incidentSources: new Map(),
    evidenceCollectors: new Map(),
    trackers: new Map(),
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
  return extensions;
}
