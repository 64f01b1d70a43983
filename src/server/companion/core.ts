/**
 * Routing, CORS and errors: a request becomes a route's Response or an error Response, with a
 * request id, in one place.
 */
import { answerFor, CompanionError, errorResponse } from '../errors.js';
import { backTo, errorPage, pageLanguage } from './error-page.js';
import { cors, preflightHeaders } from '../http.js';
import type { Logger } from '../logger.js';
import type { ClientInfo, Limiter } from './limits.js';
import type { Route } from './plugin.js';

interface RouterOptions {
  allowedOrigins: Set<string>;
  logger: Logger;
  limiter: Limiter;
}

export function createRouter(routes: Record<string, Route>, { allowedOrigins, logger, limiter }: RouterOptions) {
  // Longest first, so `bills/inquiry` is never taken for a shorter route that ends the same way.
  const names = Object.keys(routes).sort((a, b) => b.length - a.length);

  function routeOf(pathname: string) {
    const clean = pathname.replace(/\/+$/, '');
    return names.find((name) => clean === `/${name}` || clean.endsWith(`/${name}`)) ?? null;
  }

  // Each refused origin is logged once (at most 100 of them), with the fix.
  const refusedLogged = new Set<string>();
  function refuse(origin: string | undefined): never {
    if (origin && refusedLogged.size < 100 && !refusedLogged.has(origin)) {
      refusedLogged.add(origin);
      logger.warn('origin refused', {
        origin,
        allowed: [...allowedOrigins],
        fix:
          origin === 'null'
            ? 'a page served with Referrer-Policy: no-referrer (helmet\u2019s default) posts its forms with Origin: null; serve your checkout page with Referrer-Policy: strict-origin-when-cross-origin (helmet: referrerPolicy: { policy: "strict-origin-when-cross-origin" }), or mount the companion on the page\u2019s own origin'
            : `if ${origin} is your shop, add it to allowedOrigins in createCompanion (behind a dev proxy such as Vite's, the origin is the dev server's)`,
      });
    }
    throw new CompanionError(403, 'FORBIDDEN_ORIGIN', 'This origin may not use this checkout.');
  }

  return async function handle(request: Request, info: ClientInfo = {}): Promise<Response> {
    const requestId = crypto.randomUUID();
    const started = Date.now();
    let corsHeaders: Record<string, string> = {};
    let page = false;
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new CompanionError(400, 'INVALID_REQUEST', 'Malformed request URL.');
      }
      const name = routeOf(url.pathname);
      if (!name) throw new CompanionError(404, 'NOT_FOUND', 'No such route.');
      const route = routes[name]!;
      page = !!route.page;
      const decision = cors(request, allowedOrigins);
      if (route.browser) corsHeaders = decision.headers;
      if (request.method === 'OPTIONS' && route.browser) {
        if (!decision.allowed) refuse(decision.refused);
        return new Response(null, { status: 204, headers: { ...preflightHeaders(decision), 'x-request-id': requestId } });
      }
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (method !== route.method) {
        throw new CompanionError(405, 'METHOD_NOT_ALLOWED', `Use ${route.method} for this route.`, { allow: route.method });
      }
      if (route.browser && route.method === 'POST' && !decision.allowed) refuse(decision.refused);
      await limiter.client(route.limitAs ?? name, request, info);
      const response = await route.handler(request, { requestId });
      for (const [k, v] of Object.entries({ ...corsHeaders, 'x-request-id': requestId })) response.headers.set(k, v);
      logger.debug('request', { request_id: requestId, route: name, status: response.status, ms: Date.now() - started });
      return response;
    } catch (error) {
      const headers = { ...corsHeaders, 'x-request-id': requestId };
      const response = page
        ? errorPage({ error: answerFor(error, requestId, logger), requestId, lang: pageLanguage(request), back: backTo(request, allowedOrigins), headers })
        : errorResponse(error, requestId, logger, headers);
      logger.debug('request', { request_id: requestId, status: response.status, ms: Date.now() - started });
      return response;
    }
  };
}
