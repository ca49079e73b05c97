/**
 * `therapists.yaml` (a list of therapists) and `postal-areas.yaml` (approximate centres
 * of US ZIP3 and Canadian FSA areas, by code), for the therapist finder.
 */
import { Reader, withOptional } from './reader.js';
import type { PostalArea, Therapist } from './types.js';

const THERAPIST_FIELDS = [
  'id',
  'name',
  'credentials',
  'city',
  'region',
  'country',
  'phone',
  'url',
  'specialties',
  'lat',
  'lon',
];

export function readTherapists(r: Reader): Therapist[] {
  const out: Therapist[] = [];
  const ids = new Map<string, number>();
  r.list([], true)?.forEach((_, i) => {
    if (!r.map([i], true, THERAPIST_FIELDS)) return;
    const id = r.string([i, 'id'], true);
    const name = r.string([i, 'name'], true);
    const lat = r.number([i, 'lat'], true, -90, 90);
    const lon = r.number([i, 'lon'], true, -180, 180);
    const optional = {
      credentials: r.string([i, 'credentials'], false),
      city: r.string([i, 'city'], false),
      region: r.string([i, 'region'], false),
      country: r.string([i, 'country'], false),
      phone: r.string([i, 'phone'], false),
      url: r.url([i, 'url'], false),
      specialties: r.stringList([i, 'specialties'], false),
    };
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined)
        r.problem([i, 'id'], `therapist id "${id}" is used twice (first on line ${first})`);
      else ids.set(id, r.lineOf([i, 'id']));
    }
    if (id !== undefined && name !== undefined && lat !== undefined && lon !== undefined) {
      // Keep the served fields in the contract's order, with lat/lon last.
      const { specialties, ...rest } = optional;
      out.push({
        ...withOptional({ id, name }, rest),
        ...withOptional({}, { specialties }),
        lat,
        lon,
      });
    }
  });
  return out;
}

/** Area codes are text: `'070'` must stay `070`, so a code written as a number is refused. */
export function readPostalAreas(r: Reader): Map<string, PostalArea> {
  const out = new Map<string, PostalArea>();
  if (!r.map([], true)) return out;
  for (const { key, line } of r.source.keysAt([])) {
    if (typeof key !== 'string') {
      r.problems.push({
        file: r.file,
        line,
        message: `postal area code ${String(key)} must be quoted text (e.g. "${String(key)}"), or leading zeros are lost`,
      });
      continue;
    }
    if (!r.map([key], true, ['lat', 'lon', 'place'])) continue;
    const lat = r.number([key, 'lat'], true, -90, 90);
    const lon = r.number([key, 'lon'], true, -180, 180);
    const place = r.string([key, 'place'], true);
    if (lat !== undefined && lon !== undefined && place !== undefined)
      out.set(key, { lat, lon, place });
  }
  return out;
}
