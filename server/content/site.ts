/** `site.yaml`: the publisher-wide facts served by GET /site. */
import { Reader, withOptional } from './reader.js';
import type { CrisisLine, Site } from './types.js';

const SITE_FIELDS = [
  'name',
  'url',
  'logoUrl',
  'social',
  'certifications',
  'poweredBy',
  'forumsUrl',
  'therapistSearch',
  'crisis',
  // Read by readModeration (content/moderation.ts): never served by GET /site.
  'moderation',
];

export function readSite(r: Reader): Site | undefined {
  if (!r.map([], true, SITE_FIELDS)) return undefined;
  const name = r.string(['name'], true);
  const url = r.url(['url'], true);

  const social: Site['social'] = [];
  r.list(['social'], false)?.forEach((_, i) => {
    const at = ['social', i];
    if (!r.map(at, true, ['network', 'label', 'url'])) return;
    const network = r.string([...at, 'network'], true);
    const label = r.string([...at, 'label'], true);
    const link = r.url([...at, 'url'], true);
    if (network !== undefined && label !== undefined && link !== undefined) {
      social.push({ network, label, url: link });
    }
  });

  const certifications: Site['certifications'] = [];
  r.list(['certifications'], false)?.forEach((_, i) => {
    const at = ['certifications', i];
    if (!r.map(at, true, ['name', 'description', 'badgeUrl', 'verifyUrl'])) return;
    const certName = r.string([...at, 'name'], true);
    const description = r.string([...at, 'description'], false);
    const badgeUrl = r.url([...at, 'badgeUrl'], false);
    const verifyUrl = r.url([...at, 'verifyUrl'], true);
    if (certName !== undefined && verifyUrl !== undefined) {
      certifications.push(withOptional({ name: certName, verifyUrl }, { description, badgeUrl }));
    }
  });

  let poweredBy: Site['poweredBy'];
  if (r.map(['poweredBy'], false, ['name', 'url'])) {
    const pbName = r.string(['poweredBy', 'name'], true);
    const pbUrl = r.url(['poweredBy', 'url'], false);
    if (pbName !== undefined) poweredBy = withOptional({ name: pbName }, { url: pbUrl });
  }

  let therapistSearch: Site['therapistSearch'];
  if (r.map(['therapistSearch'], false, ['countries', 'advancedSearchUrl'])) {
    const countries = r.stringList(['therapistSearch', 'countries'], true);
    const advancedSearchUrl = r.url(['therapistSearch', 'advancedSearchUrl'], false);
    if (countries) therapistSearch = withOptional({ countries }, { advancedSearchUrl });
  }

  let crisis: Site['crisis'];
  if (r.map(['crisis'], false, ['heading', 'lines', 'emergency'])) {
    const lines: CrisisLine[] = [];
    r.list(['crisis', 'lines'], true)?.forEach((_, i) => {
      const at = ['crisis', 'lines', i];
      if (!r.map(at, true, ['country', 'name', 'call', 'text', 'url'])) return;
      const lineName = r.string([...at, 'name'], true);
      const line = {
        country: r.string([...at, 'country'], false),
        call: r.string([...at, 'call'], false),
        text: r.string([...at, 'text'], false),
        url: r.url([...at, 'url'], false),
      };
      if (lineName !== undefined) lines.push(withOptional({ name: lineName }, line));
    });
    crisis = withOptional(
      { lines },
      {
        heading: r.string(['crisis', 'heading'], false),
        emergency: r.string(['crisis', 'emergency'], false),
      },
    );
  }

  const optional = {
    logoUrl: r.url(['logoUrl'], false),
    poweredBy,
    forumsUrl: r.url(['forumsUrl'], false),
    therapistSearch,
    crisis,
  };
  if (name === undefined || url === undefined) return undefined;
  return withOptional({ name, url, social, certifications }, optional);
}
