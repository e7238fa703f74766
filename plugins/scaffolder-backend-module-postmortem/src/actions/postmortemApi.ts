import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** The id under which the postmortem backend plugin is installed. */
export const POSTMORTEM_PLUGIN_ID = 'postmortem';

/** The human id a dry run outputs instead of a real one. */
export const DRY_RUN_HUMAN_ID = 'INC-DRY-RUN';
/** The uuid a dry run outputs instead of a real one. */
export const DRY_RUN_UUID = '00000000-0000-0000-0000-000000000000';

/** What the actions need from the backend to reach the postmortem API. */
export interface PostmortemActionOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  config: RootConfigService;
}

/** The part of an action context that tells who runs the task. */
export interface InitiatorContext {
  getInitiatorCredentials?: () => Promise<BackstageCredentials>;
}

/**
 * A small client for the postmortem plugin's REST API, calling it on behalf
 * of the user who started the scaffolder task so that their permissions apply.
 */
export class PostmortemApi {
  constructor(private readonly options: PostmortemActionOptions) {}

  /**
   * POSTs a JSON body and returns the parsed JSON answer.
   *
   * @param what - a short description of the call, used to prefix errors
   */
  async post<T>(
    ctx: InitiatorContext,
    path: string,
    body: object,
    what: string,
  ): Promise<T> {
    const { auth, discovery } = this.options;
    // Scaffolder tasks run for the user who started them; a runner that does
    // not provide the initiator falls back to this plugin's own identity.
    const onBehalfOf = ctx.getInitiatorCredentials
      ? await ctx.getInitiatorCredentials()
      : await auth.getOwnServiceCredentials();
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: POSTMORTEM_PLUGIN_ID,
    });
    const baseUrl = await discovery.getBaseUrl(POSTMORTEM_PLUGIN_ID);

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `${what}: the postmortem API at ${baseUrl} could not be reached: ${
          (error as Error).message
        }`,
      );
    }
    if (!response.ok) {
      throw await toApiError(response, what);
    }
    return (await response.json()) as T;
  }

  /** The app's link to a postmortem, e.g. `https://backstage.example/postmortems/INC-2026-0042`. */
  postmortemUrl(humanId: string): string {
    const appBaseUrl = this.options.config
      .getString('app.baseUrl')
      .replace(/\/+$/, '');
    return `${appBaseUrl}/postmortems/${encodeURIComponent(humanId)}`;
  }
}

/** Turns an error answer into an error that carries the API's own message. */
async function toApiError(response: Response, what: string): Promise<Error> {
  const { name, message: apiMessage } = await readError(response);
  const message = `${what}: ${apiMessage}`;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 503:
      return new ServiceUnavailableError(message);
    default: {
      const error = new Error(`${message} (HTTP ${response.status})`);
      error.name = name ?? 'ResponseError';
      return error;
    }
  }
}

/**
 * Reads `{ error: { name, message } }` from an error answer; any other body
 * is passed on as text.
 */
async function readError(
  response: Response,
): Promise<{ name?: string; message: string }> {
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text);
    if (typeof error?.message === 'string' && error.message) {
      return {
        name: typeof error.name === 'string' ? error.name : undefined,
        message: error.message,
      };
    }
  } catch {
    // not JSON, use the text as it is
  }
  return {
    message: text.trim().slice(0, 1000) || response.statusText || 'no message',
  };
}

/**
 * Completes a short entity ref with a default kind, so `checkout-service`
 * becomes `component:checkout-service`; full refs are left alone. The API
 * fills in the default namespace.
 */
export function withDefaultKind(ref: string, defaultKind: string): string {
  const trimmed = ref.trim();
  return trimmed.includes(':') ? trimmed : `${defaultKind}:${trimmed}`;
}
