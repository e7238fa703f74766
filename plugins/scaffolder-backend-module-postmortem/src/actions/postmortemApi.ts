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
import {
  DeclaredIncident,
  DeclareIncidentRequest,
  DefaultApiClient,
  RemediationItem,
  RemediationItemInput,
  TypedResponse,
} from '@postmortems/plugin-postmortem-common/openapi';

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
 * The calls the actions make, through the postmortem plugin's generated
 * client, on behalf of the user who started the scaffolder task so that
 * their permissions apply. Errors carry the API's own message.
 */
export class PostmortemApi {
  private readonly client: DefaultApiClient;

  constructor(private readonly options: PostmortemActionOptions) {
    this.client = new DefaultApiClient({ discoveryApi: options.discovery });
  }

  /** Declares an incident, which opens its postmortem. */
  declareIncident(
    ctx: InitiatorContext,
    body: DeclareIncidentRequest,
    what: string,
  ): Promise<DeclaredIncident> {
    return this.call(ctx, what, options =>
      this.client.declareIncident({ body }, options),
    );
  }

  /** Adds a remediation item to a postmortem (by id or human id). */
  addRemediationItem(
    ctx: InitiatorContext,
    postmortemId: string,
    body: RemediationItemInput,
    what: string,
  ): Promise<RemediationItem> {
    return this.call(ctx, what, options =>
      this.client.addRemediationItem({ path: { postmortemId }, body }, options),
    );
  }

  /**
   * Sends one call with the task's token and returns the parsed answer.
   *
   * @param what - a short description of the call, used to prefix errors
   */
  private async call<T>(
    ctx: InitiatorContext,
    what: string,
    send: (options: { token: string }) => Promise<TypedResponse<T>>,
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

    let response: TypedResponse<T>;
    try {
      response = await send({ token });
    } catch (error) {
      const baseUrl = await discovery.getBaseUrl(POSTMORTEM_PLUGIN_ID);
      throw new ServiceUnavailableError(
        `${what}: the postmortem API at ${baseUrl} could not be reached: ${
          (error as Error).message
        }`,
      );
    }
    if (!response.ok) {
      throw await toApiError(response as Response, what);
    }
    return await response.json();
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
