import { Agent, fetch as undiciFetch } from 'undici';
import type { TlsSettings } from './readSources';

/**
 * A connection pool that checks certificates against the source's own CA
 * (or not at all, for a cluster with skipTLSVerify); one per source.
 */
export function tlsDispatcher(tls: TlsSettings): Agent {
  return new Agent({
    connect: {
      ...(tls.ca && { ca: tls.ca }),
      rejectUnauthorized: tls.rejectUnauthorized,
    },
  });
}

/** What a source answered, read whole within the limits. */
export interface LimitedResponse {
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

/**
 * Fetches with a deadline over the whole exchange (headers and body) and a
 * ceiling on the body's size, so a slow or verbose tool cannot hold a
 * draft or fill the backend's memory. Errors say which limit was hit.
 */
export async function fetchLimited(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  limits: {
    timeoutMs: number;
    maxBytes: number;
    fetch?: typeof fetch;
    /** From {@link tlsDispatcher}, for a source with its own CA. */
    dispatcher?: Agent;
  },
): Promise<LimitedResponse> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const seconds = `${limits.timeoutMs / 1000}s`;
  const tooSlow = () => new Error(`no complete answer within ${seconds}`);
  let response: Response;
  try {
    if (limits.fetch) {
      response = await limits.fetch(url, { ...init, signal });
    } else if (limits.dispatcher) {
      // undici's own fetch with its own Agent: Node's global fetch may
      // bundle another undici version than the package's.
      response = (await undiciFetch(url, {
        ...init,
        signal,
        dispatcher: limits.dispatcher,
      })) as unknown as Response;
    } else {
      response = await fetch(url, { ...init, signal });
    }
  } catch (error) {
    if (signal.aborted) throw tooSlow();
    const cause = (error as any)?.cause?.message ?? (error as Error)?.message;
    throw new Error(`request failed: ${cause ?? error}`);
  }
  const tooLarge = () =>
    new Error(`answer larger than ${limits.maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limits.maxBytes) {
          await reader.cancel().catch(() => {});
          throw tooLarge();
        }
        chunks.push(value);
      }
    }
  } catch (error) {
    if (signal.aborted) throw tooSlow();
    throw error;
  }
  return {
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get('content-type') ?? '',
    text: Buffer.concat(chunks).toString('utf8'),
  };
}
