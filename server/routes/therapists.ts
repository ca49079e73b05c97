/** GET /therapists?postalCode=…&radius=…: therapists near a US ZIP or Canadian postal code. */
import type { FastifyInstance } from 'fastify';
import { RADIUS_KM, isRadiusKm, normalizePostalCode } from '../../src/contract/index.js';
import type { Therapist } from '../content/index.js';
import { postalAreaOf, therapistsOf, type ServiceContext } from '../http/context.js';
import { validationFailed } from '../http/errors.js';
import { pageOf, rawQuery } from '../http/paging.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';

const MESSAGES = {
  postalCode: 'Enter a US ZIP code (like 10001) or a Canadian postal code (like K1A 0B1).',
  radius: `The radius must be a number of kilometres from ${RADIUS_KM.min} to ${RADIUS_KM.max}.`,
};

function parseRadius(value: string | undefined): number | null {
  if (value === undefined) return RADIUS_KM.default;
  const text = String(value).trim();
  const radius = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  return isRadiusKm(radius) ? radius : null;
}

/** Great-circle distance in kilometres. */
function distanceKm(from: { lat: number; lon: number }, to: { lat: number; lon: number }) {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(to.lat - from.lat);
  const dLon = rad(to.lon - from.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(from.lat)) * Math.cos(rad(to.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const compareIds = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function present(therapist: Therapist, distance: number) {
  const { lat, lon, ...served } = therapist;
  void lat;
  void lon;
  return { ...served, distanceKm: Math.round(distance * 10) / 10 };
}

export function therapistRoutes(app: FastifyInstance, ctx: ServiceContext, route: RouteRegistrar) {
  void app;
  route(
    'GET',
    '/therapists',
    async (request, reply) => {
      const query = rawQuery(request.url);
      const postal = normalizePostalCode(String(query.postalCode ?? ''));
      const radius = parseRadius(query.radius === undefined ? undefined : String(query.radius));
      const fields: Record<string, string> = {};
      if (!postal) fields.postalCode = MESSAGES.postalCode;
      if (radius === null) fields.radius = MESSAGES.radius;
      if (!postal || radius === null) {
        throw validationFailed('The search could not be run.', fields);
      }
      const origin = postalAreaOf(ctx, postal.code.slice(0, 3));
      const nearby = origin
        ? therapistsOf(ctx)
            .map((therapist) => ({ therapist, distance: distanceKm(origin, therapist) }))
            .filter(({ distance }) => distance <= radius)
            .sort((a, b) => a.distance - b.distance || compareIds(a.therapist.id, b.therapist.id))
            .map(({ therapist, distance }) => present(therapist, distance))
        : [];
      return sendJson(request, reply, { body: pageOf(nearby, query), cache: CACHE.public });
    },
    {
      invalid: {
        querystring: {
          code: 'validation_failed',
          message: 'The search could not be run.',
          fields: MESSAGES,
        },
      },
    },
  );
}
