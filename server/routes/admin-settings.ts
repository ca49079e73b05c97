/**
 * The admin API's calls about the site rather than its comments (see admin.ts for the
 * rest; the same guard checks every call for a session, a role, and — for writes —
 * Origin and the CSRF token before the body is read):
 *
 *   GET    /admin/settings            the effective moderation settings and where each
 *                                     comes from (moderators may read)
 *   PATCH  /admin/settings            the desk's overrides (admins)
 *   GET    /admin/moderators          the moderators (admins)
 *   POST   /admin/moderators          add one (admins)
 *   PATCH  /admin/moderators/{name}   another role, a new password (admins)
 *   DELETE /admin/moderators/{name}   remove one, ending their sessions (admins)
 *
 * Every change is in the audit log. The webhook's secret is never answered or logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminGuard } from '../http/admin-auth.js';
import type { ServiceContext } from '../http/context.js';
import { notFound, validationFailed } from '../http/errors.js';
import { CACHE, sendJson } from '../http/reply.js';
import type { RouteRegistrar } from '../http/registrar.js';
import { effectiveSettings, SITE_KEY } from '../http/site-settings.js';
import { nameProblem, passwordProblem } from '../moderator-cli.js';
import {
  checkSettingsPatch,
  overrideKey,
  webhookView,
  type EffectiveSettings,
} from '../moderation/overrides.js';
import { SETTING_FIELDS, type SettingField } from '../moderation/settings.js';
import { ROLES, type Moderator, type Role } from '../store/moderation-types.js';
import { actorOf } from './admin.js';

function presentSettings({ settings, sources, defaultMode }: EffectiveSettings) {
  return {
    settings: {
      mode: settings.mode,
      maxLinks: settings.maxLinks,
      restricted: settings.restricted,
      holdFirstTime: settings.holdFirstTime,
      reportThreshold: settings.reportThreshold,
      minSubmitSeconds: settings.minSubmitSeconds,
      duplicateWindowMinutes: settings.duplicateWindowMinutes,
      duplicateClients: settings.duplicateClients,
      webhook: webhookView(settings.webhook ?? null),
    },
    sources,
    defaultMode,
  };
}

/** What the audit log shows of a desk override: the webhook without its secret. */
function auditView(key: string, before: unknown, after: unknown) {
  if (key !== overrideKey('webhook')) return { before, after };
  const secretOf = (value: unknown) =>
    value !== null && typeof value === 'object' ? (value as { secret?: unknown }).secret : null;
  const changed = secretOf(before) !== secretOf(after) && after !== null;
  return {
    before: webhookView(before),
    after: after === null ? null : { ...webhookView(after), secretChanged: changed },
  };
}

const sentence = (problem: string) => `${problem[0]?.toUpperCase() ?? ''}${problem.slice(1)}.`;

function presentModerator(moderator: Moderator) {
  return {
    name: moderator.name,
    role: moderator.role,
    created: new Date(moderator.created).toISOString(),
  };
}

interface AccountInput {
  name?: unknown;
  role?: unknown;
  password?: unknown;
}

/** The fields of an account body with a sentence each; `need` lists the required ones. */
function accountProblems(body: AccountInput, need: readonly (keyof AccountInput)[]) {
  const fields: Record<string, string> = {};
  const known = ['name', 'role', 'password'];
  for (const key of Object.keys(body)) {
    if (!known.includes(key) || (key === 'name' && !need.includes('name'))) {
      fields[key] = `${key} is not a field here.`;
    }
  }
  if (body.name !== undefined || need.includes('name')) {
    const problem = typeof body.name === 'string' ? nameProblem(body.name) : 'a name is needed';
    if (problem) fields.name = sentence(problem);
  }
  if (body.role !== undefined && !(ROLES as readonly unknown[]).includes(body.role)) {
    fields.role = `role must be ${ROLES.map((r) => `"${r}"`).join(' or ')}.`;
  }
  if (body.password !== undefined || need.includes('password')) {
    const problem =
      typeof body.password === 'string' ? passwordProblem(body.password) : 'a password is needed';
    if (problem) fields.password = sentence(problem);
  }
  return fields;
}

function checkAccount(body: unknown, need: readonly (keyof AccountInput)[]): AccountInput {
  const input = (body ?? {}) as AccountInput;
  const fields = accountProblems(input, need);
  if (Object.keys(fields).length > 0) {
    throw validationFailed('Some fields need attention; nothing was changed.', fields);
  }
  return input;
}

const isObject = (body: unknown): body is object =>
  body !== null && typeof body === 'object' && !Array.isArray(body);

const nothingToChange = () => validationFailed('Send a new role, a new password, or both.', {});

const lastAdmin = (name: string) =>
  validationFailed('The site must keep an admin; nothing was changed.', {
    name: `${name} is the last admin: make someone else an admin first.`,
  });

export function adminSettingsRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  route: RouteRegistrar,
) {
  void app;
  const moderator = { guard: adminGuard(ctx, { role: 'moderator', write: false }) };
  const admin = { guard: adminGuard(ctx, { role: 'admin', write: false }) };
  const adminWrite = { guard: adminGuard(ctx, { role: 'admin', write: true }) };
  const sendSettings = async (request: FastifyRequest, reply: FastifyReply) =>
    sendJson(request, reply, {
      body: presentSettings(await effectiveSettings(ctx)),
      cache: CACHE.none,
    });

  route('GET', '/admin/settings', sendSettings, moderator);

  route(
    'PATCH',
    '/admin/settings',
    async (request, reply) => {
      const current = await effectiveSettings(ctx);
      const checked = checkSettingsPatch(request.body, current.settings.webhook?.secret ?? null);
      if (!checked.ok) throw validationFailed(checked.message, checked.fields);
      const values = Object.fromEntries(
        (Object.entries(checked.patch) as [SettingField, unknown][]).map(([field, value]) => [
          overrideKey(field),
          value,
        ]),
      );
      await ctx.store.setSiteSettings(SITE_KEY, values, actorOf(request), auditView);
      return sendSettings(request, reply);
    },
    {
      ...adminWrite,
      invalid: {
        body: {
          code: 'validation_failed',
          message: 'Some settings need attention; nothing was changed.',
          fields: Object.fromEntries(SETTING_FIELDS.map((f) => [f, `${f} is not valid.`])),
        },
      },
      explainInvalidBody(body) {
        if (!isObject(body)) return null;
        // The secret in effect is not known here; the handler checks that part.
        const checked = checkSettingsPatch(body, '');
        return checked.ok ? null : validationFailed(checked.message, checked.fields);
      },
    },
  );

  route(
    'GET',
    '/admin/moderators',
    async (request, reply) =>
      sendJson(request, reply, {
        body: { items: (await ctx.store.listModerators()).map(presentModerator) },
        cache: CACHE.none,
      }),
    admin,
  );

  const accountInvalid = (need: readonly (keyof AccountInput)[]) => ({
    invalid: {
      body: {
        code: 'validation_failed' as const,
        message: 'Some fields need attention; nothing was changed.',
        fields: {
          name: 'The name is not valid.',
          role: 'The role is not valid.',
          password: 'The password is not valid.',
        },
      },
    },
    explainInvalidBody(body: unknown) {
      if (!isObject(body)) return null;
      const fields = accountProblems(body as AccountInput, need);
      if (Object.keys(fields).length > 0) {
        return validationFailed('Some fields need attention; nothing was changed.', fields);
      }
      return Object.keys(body).length === 0 ? nothingToChange() : null;
    },
  });

  route(
    'POST',
    '/admin/moderators',
    async (request, reply) => {
      const input = checkAccount(request.body, ['name', 'password']);
      const added = await ctx.store.addModerator(
        {
          name: input.name as string,
          password: input.password as string,
          role: (input.role as Role | undefined) ?? 'moderator',
        },
        actorOf(request),
      );
      if (added.outcome === 'name-taken') {
        throw validationFailed('Some fields need attention; nothing was changed.', {
          name: `There is already a moderator named “${input.name as string}”.`,
        });
      }
      return sendJson(request, reply, {
        status: 201,
        body: { moderator: presentModerator(added.moderator) },
        cache: CACHE.none,
      });
    },
    { ...adminWrite, ...accountInvalid(['name', 'password']) },
  );

  route(
    'PATCH',
    '/admin/moderators/{name}',
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const input = checkAccount(request.body, []);
      if (input.role === undefined && input.password === undefined) throw nothingToChange();
      const by = actorOf(request);
      const found = await ctx.store.findModerator(name);
      if (!found) throw notFound('No moderator by that name.');
      if (input.role !== undefined) {
        const changed = await ctx.store.setRole(found.name, input.role as Role, by);
        if (changed === 'not-found') throw notFound('No moderator by that name.');
        if (changed === 'last-admin') throw lastAdmin(found.name);
      }
      // A new password ends every session of theirs (the store does it).
      if (input.password !== undefined) {
        if (!(await ctx.store.setPassword(found.name, input.password as string, by))) {
          throw notFound('No moderator by that name.');
        }
      }
      const now = await ctx.store.findModerator(found.name);
      if (!now) throw notFound('No moderator by that name.');
      return sendJson(request, reply, {
        body: { moderator: presentModerator(now) },
        cache: CACHE.none,
      });
    },
    { ...adminWrite, ...accountInvalid([]) },
  );

  route(
    'DELETE',
    '/admin/moderators/{name}',
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const removed = await ctx.store.removeModeratorKeepingAnAdmin(name, actorOf(request));
      if (removed === 'not-found' || removed === 'unchanged') {
        throw notFound('No moderator by that name.');
      }
      if (removed === 'last-admin') throw lastAdmin(name);
      return reply.code(204).header('Cache-Control', CACHE.none).send();
    },
    adminWrite,
  );
}
