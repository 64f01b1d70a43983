import { companion } from '@/lib/paylater';

// /paylater/plans, /paylater/charges, /paylater/status, /paylater/webhooks/xendit. The request
// alone: Next.js passes its route context as the second argument, which the companion does not take.
export const GET = (request: Request) => companion().fetch(request);
export const POST = GET;
// The preflight of a page on another of the shop's origins (allowedOrigins): else Next.js answers it
// itself, without the companion's CORS headers.
export const OPTIONS = GET;
