// Cross-site request forgery: a state-changing request that carries cookies must not come from another site's page.
// The cookies are SameSite=Strict, so a modern browser does not even attach them across sites; on top of that, every
// browser that runs the office sends Origin on POST/PUT/PATCH/DELETE and Sec-Fetch-Site on every request, which a page
// cannot forge or strip — so a request whose Origin names another host, or whose Sec-Fetch-Site is not same-origin,
// is refused. A request with neither header did not come from a browser (curl, a script, a test) and is not a
// forgery. Requests with an Authorization header (a kiosk's bearer credential) are not affected: a browser never adds
// that header across sites by itself.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { Problem } from '../../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** host[:port] in lower case, without a default port (a Host header may carry :443 where Origin never does). */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/:(80|443)$/, '');
}

function originHost(origin: string): string | null {
  try {
    return normalHost(new URL(origin).host);
  } catch {
    return null;
  }
}

export function trustedOrigins(config: Pick<Config, 'CSRF_TRUSTED_ORIGINS' | 'PUBLIC_URL'>): Set<string> {
  const list = config.CSRF_TRUSTED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (config.PUBLIC_URL) list.push(config.PUBLIC_URL);
  const hosts = new Set<string>();
  for (const origin of list) {
    const host = originHost(origin);
    if (host) hosts.add(host);
  }
  return hosts;
}

/** Why the request is refused, or null when it may go on. */
export function csrfVerdict(request: FastifyRequest, trusted: Set<string>): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  if (!request.headers.cookie) return null;
  if (request.headers.authorization) return null;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const host = originHost(origin);
    if (host !== null && (host === normalHost(request.host) || trusted.has(host))) return null;
    return `Origin ${origin} is not this site.`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin') return null;
  return `Sec-Fetch-Site: ${String(site)}.`;
}

export function registerCsrfProtection(app: FastifyInstance, config: Config): void {
  const trusted = trustedOrigins(config);
  app.addHook('onRequest', async (request) => {
    const refusal = csrfVerdict(request, trusted);
    if (refusal) throw new Problem('csrf-rejected', refusal);
  });
}
