/**
 * `POST {base}/charges/form`: the server-rendered plans' form, for a browser without JavaScript.
 * The same charge as `POST {base}/charges`, answered with a redirect to the provider's page, or
 * with a page for the shopper that says what went wrong.
 */
import type { ChargeResponseBody } from '../../../contract/index.js';
import { checkoutUrlForUserAgent } from '../../../contract/in-app.js';
import { answerFor, CompanionError } from '../../errors.js';
import { parseBody, readForm } from '../../http.js';
import type { CompanionContext } from '../context.js';
import { backTo, errorPage, pageLanguage } from '../error-page.js';
import type { Route } from '../plugin.js';
import { ChargeBody, type ChargeRequest } from './charges.js';

export function chargesFormRoute(ctx: CompanionContext, charge: (request: Request, body: ChargeRequest) => Promise<ChargeResponseBody>): Route {
  const { config, logger } = ctx;

  /**
   * The plans' form: `quote`, `plan` (the chosen radio) and `locale`, form-encoded. Answers 303 to
   * the provider's page for this browser (from its `User-Agent`), or a page that says what went
   * wrong, in the form's language, with the way back to the checkout.
   */
  async function formHandler(request: Request, { requestId }: { requestId: string }): Promise<Response> {
    let lang = pageLanguage(request);
    let key: 'choose' | undefined;
    try {
      // A browser's form post names its page (`Origin`, which the router checked, else `Referer`):
      // one that names none is no shopper's, and a page elsewhere may not start payments here.
      if (!request.headers.get('origin') && !backTo(request, config.allowedOrigins)) {
        throw new CompanionError(403, 'FORBIDDEN_ORIGIN', 'This origin may not use this checkout.');
      }
      const fields = await readForm(request, config.maxBodyBytes);
      lang = pageLanguage(request, fields.get('locale'));
      if (!fields.get('plan')) {
        key = 'choose';
        throw new CompanionError(400, 'INVALID_REQUEST', 'Invalid request: plan: choose a plan.');
      }
      const { checkout_url: urls } = await charge(request, parseBody(ChargeBody, { quote: fields.get('quote'), plan_id: fields.get('plan') }));
      // The page for this browser, from its `User-Agent` (a page without JavaScript cannot ask it):
      // an in-app browser's gets the provider's web page, never the app link.
      const target = checkoutUrlForUserAgent(urls, request.headers.get('user-agent') ?? '');
      if (!target) throw new CompanionError(502, 'UPSTREAM_ERROR', 'No checkout page to send the shopper to.');
      return new Response(null, { status: 303, headers: { location: target.url, 'cache-control': 'no-store' } });
    } catch (error) {
      return errorPage({ error: answerFor(error, requestId, logger), requestId, lang, back: backTo(request, config.allowedOrigins), ...(key ? { key } : {}) });
    }
  }

  // One budget per client for charges, whichever way they are asked for.
  return { method: 'POST', browser: true, page: true, limitAs: 'charges', handler: formHandler };
}
