/**
 * The site's effective moderation settings for the service (moderation/overrides.ts):
 * the switch's default mode, the content folder's block, and the desk's overrides,
 * read from the store on every call — so an admin's change applies on the next comment,
 * on every instance sharing the store.
 */
import { resolveSettings, type EffectiveSettings } from '../moderation/overrides.js';
import type { ModerationMode } from '../moderation/settings.js';
import type { ServiceContext } from './context.js';

/** The store's name for the service's one site (`site_settings.site`). */
export const SITE_KEY = 'main';

/** The mode used when neither the content folder nor the desk gives one. */
export function defaultModeOf(ctx: ServiceContext): ModerationMode {
  return ctx.settings.moderation ? 'hold-all' : 'rules';
}

/**
 * The restricted list keeps its identity while the stored list is unchanged: the rules
 * build its phrase matcher once per list (rules.ts), not once per comment.
 */
let lastRestricted: { json: string; list: string[] } | null = null;

export async function effectiveSettings(ctx: ServiceContext): Promise<EffectiveSettings> {
  const stored = await ctx.store.getSiteSettings(SITE_KEY);
  const content = ctx.content();
  const effective = resolveSettings({
    defaultMode: defaultModeOf(ctx),
    content: content.moderation as EffectiveSettings['settings'],
    contentGiven: content.moderationGiven,
    stored,
  });
  if (effective.sources.restricted === 'desk') {
    const json = JSON.stringify(effective.settings.restricted);
    if (lastRestricted?.json !== json) {
      lastRestricted = { json, list: effective.settings.restricted };
    }
    effective.settings.restricted = lastRestricted.list;
  }
  return effective;
}
