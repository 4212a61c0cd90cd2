// Security headers on every answer. The apps' pages get a Content-Security-Policy without 'unsafe-inline' (Vite's
// builds need none: scripts and styles are files of this origin); everything else (JSON, media, files) gets one
// that allows nothing to run. A route that sets its own policy (a sandboxed document, an official's SVG photo) keeps
// it. HSTS only where the request came over HTTPS (directly or through a trusted balancer) or COOKIE_SECURE says
// the site is HTTPS-only, so a plain-HTTP install on a LAN is not told to demand TLS it does not have.
import type { FastifyPluginAsync } from 'fastify';

/** The apps: their own scripts, styles, fonts and API; camera recordings and photos as blob: and data: URLs. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Anything that is not a page: nothing in it may run or be framed by another site. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The OpenAPI viewer (swagger-ui) writes inline scripts and styles; it is for developers and admins only. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

const plugin: FastifyPluginAsync<{ hsts: boolean }> = async (app, options) => {
  app.addHook('onSend', async (request, reply, payload) => {
    // A 304 has no content type to go by; the browser keeps the policy it stored with the page.
    if (!reply.hasHeader('content-security-policy') && reply.statusCode !== 304) {
      const type = String(reply.getHeader('content-type') ?? '');
      const docs = request.url.startsWith('/api/docs');
      reply.header(
        'content-security-policy',
        docs ? DOCS_CSP : type.startsWith('text/html') ? APP_CSP : API_CSP,
      );
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // The booth and the virtual reception record from this origin; nothing else may ask for devices.
    reply.header(
      'permissions-policy',
      'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
    );
    if (options.hsts || request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
};

// Not encapsulated (what fastify-plugin does), so the hook covers every route of the app.
Object.assign(plugin, { [Symbol.for('skip-override')]: true });
export const securityHeaders = plugin;
