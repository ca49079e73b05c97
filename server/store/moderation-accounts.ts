/**
 * Accounts and shared state, as plans (plan.ts) both stores run: moderators, per-site
 * settings, and the client-key secrets every instance must share (sessions and sign-in
 * throttling are in moderation-sessions.ts).
 *
 * Password hashing (argon2id) happens outside these plans, before or after the
 * transaction: a plan only reads and writes rows.
 */
import { checkActor, checkText } from './moderation-common.js';
import { writeAudit } from './moderation-actions.js';
import {
  ROLES,
  type AccountChange,
  type Actor,
  type AuditView,
  type ClientSecret,
  type Moderator,
  type Role,
} from './moderation-types.js';
import { all, get, run, type Plan } from './plan.js';

// ── Moderators ───────────────────────────────────────────────────────────────────

/** A name as moderators are told apart: compatibility-normalised and lowercased. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** A name as kept: trimmed, 1–64 characters, no control or invisible format characters. */
export function checkName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > 64 || /[\p{Cc}\p{Cf}]/u.test(trimmed)) {
    throw new RangeError(
      'a moderator name is 1 to 64 characters, without control or invisible characters',
    );
  }
  return trimmed;
}

export function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) {
    throw new RangeError('a password is a non-empty string of at most 1024 characters');
  }
}

export function checkRole(role: Role): void {
  if (!ROLES.includes(role)) throw new RangeError(`role must be one of ${ROLES.join(', ')}`);
}

export interface ModeratorRow {
  id: number | string;
  name: string;
  role: string;
  created: number | string;
}

export const MODERATOR_COLUMNS = 'id, name, role, created';

export function toModerator(row: ModeratorRow): Moderator {
  return {
    id: Number(row.id),
    name: row.name,
    role: row.role as Role,
    created: Number(row.created),
  };
}

export function* addModeratorPlan(
  input: { name: string; role: Role; hash: string },
  by: Actor | null,
  now: number,
): Plan<Moderator | null> {
  if (by) checkActor(by);
  const row = yield* get<ModeratorRow>(
    `INSERT INTO moderators (name, name_key, role, password_hash, created) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING ${MODERATOR_COLUMNS}`,
    [input.name, nameKey(input.name), input.role, input.hash, now],
  );
  if (row === undefined) return null;
  const moderator = toModerator(row);
  yield* writeAudit({
    at: now,
    by,
    action: 'moderator-add',
    target: moderator.name,
    after: { name: moderator.name, role: moderator.role },
  });
  return moderator;
}

export function* listModeratorsPlan(): Plan<Moderator[]> {
  const rows = yield* all<ModeratorRow>(
    `SELECT ${MODERATOR_COLUMNS} FROM moderators WHERE removed IS NULL ORDER BY name_key, id`,
  );
  return rows.map(toModerator);
}

/** The current moderator of that name and their password's hash. */
export function* findModeratorPlan(
  name: string,
): Plan<{ moderator: Moderator; hash: string } | null> {
  const row = yield* get<ModeratorRow & { password_hash: string }>(
    `SELECT ${MODERATOR_COLUMNS}, password_hash FROM moderators
     WHERE name_key = ? AND removed IS NULL`,
    [nameKey(name.trim())],
  );
  return row === undefined ? null : { moderator: toModerator(row), hash: row.password_hash };
}

/** Replaces a hash made with older parameters, unless it changed meanwhile. */
export function* rehashPlan(id: number, oldHash: string, newHash: string): Plan<void> {
  yield* run('UPDATE moderators SET password_hash = ? WHERE id = ? AND password_hash = ?', [
    newHash,
    id,
    oldHash,
  ]);
}

export function* setPasswordPlan(
  name: string,
  hash: string,
  by: Actor | null,
  now: number,
): Plan<boolean> {
  if (by) checkActor(by);
  const row = yield* get<{ id: number | string; name: string }>(
    `UPDATE moderators SET password_hash = ? WHERE name_key = ? AND removed IS NULL
     RETURNING id, name`,
    [hash, nameKey(name.trim())],
  );
  if (row === undefined) return false;
  yield* run('DELETE FROM sessions WHERE moderator = ?', [Number(row.id)]);
  yield* writeAudit({ at: now, by, action: 'password', target: row.name });
  return true;
}

export function* removeModeratorPlan(name: string, by: Actor | null, now: number): Plan<boolean> {
  if (by) checkActor(by);
  const row = yield* get<ModeratorRow>(
    `UPDATE moderators SET removed = ? WHERE name_key = ? AND removed IS NULL
     RETURNING ${MODERATOR_COLUMNS}`,
    [now, nameKey(name.trim())],
  );
  if (row === undefined) return false;
  yield* run('DELETE FROM sessions WHERE moderator = ?', [Number(row.id)]);
  yield* writeAudit({
    at: now,
    by,
    action: 'moderator-remove',
    target: row.name,
    before: { name: row.name, role: row.role },
  });
  return true;
}

// ── Site settings ────────────────────────────────────────────────────────────────

/** Largest setting value, as JSON. */
const MAX_SETTING_BYTES = 64 * 1024;

export function* getSiteSettingsPlan(site: string): Plan<Record<string, unknown>> {
  checkText('site', site, 200, false);
  const rows = yield* all<{ key: string; value: string }>(
    'SELECT key, value FROM site_settings WHERE site = ? ORDER BY key',
    [site],
  );
  const settings: Record<string, unknown> = {};
  for (const row of rows) settings[row.key] = JSON.parse(row.value);
  return settings;
}

export function* setSiteSettingPlan(
  site: string,
  key: string,
  value: unknown,
  by: Actor,
  now: number,
): Plan<void> {
  yield* setSiteSettingsPlan(site, { [key]: value }, by, now);
}

/** Several settings of a site in one transaction; one audit entry per changed key. */
export function* setSiteSettingsPlan(
  site: string,
  values: Readonly<Record<string, unknown>>,
  by: Actor,
  now: number,
  view: AuditView = (_key, before, after) => ({ before, after }),
): Plan<void> {
  checkText('site', site, 200, false);
  checkActor(by);
  const entries = Object.entries(values).map(([key, value]) => {
    checkText('key', key, 200, false);
    const json = value === undefined ? undefined : JSON.stringify(value);
    if (json === undefined || Buffer.byteLength(json) > MAX_SETTING_BYTES) {
      throw new RangeError(`a setting's value is JSON of at most ${MAX_SETTING_BYTES} bytes`);
    }
    return { key, value, json };
  });
  for (const { key, value, json } of entries) {
    const previous = yield* get<{ value: string }>(
      'SELECT value FROM site_settings WHERE site = ? AND key = ? {{lock}}',
      [site, key],
    );
    if (previous?.value === json) continue;
    yield* run(
      `INSERT INTO site_settings (site, key, value, updated, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site, key) DO UPDATE SET value = excluded.value, updated = excluded.updated,
         updated_by = excluded.updated_by`,
      [site, key, json, now, by.id],
    );
    const states = view(key, previous === undefined ? null : JSON.parse(previous.value), value);
    yield* writeAudit({
      at: now,
      by,
      action: 'setting',
      target: `${site}/${key}`,
      before: states.before,
      after: states.after,
    });
  }
}

// ── Roles, keeping an admin ──────────────────────────────────────────────────────

/**
 * Locks every current admin's row (in id order, so that two changes never wait on each
 * other crosswise) and counts them: on PostgreSQL, a change that waited for another
 * counts the admins that one left.
 */
function* lockAdmins(): Plan<number> {
  const rows = yield* all<{ id: number | string }>(
    `SELECT id FROM moderators WHERE role = 'admin' AND removed IS NULL ORDER BY id {{lock}}`,
  );
  return rows.length;
}

function* lockModerator(name: string): Plan<Moderator | null> {
  const row = yield* get<ModeratorRow>(
    `SELECT ${MODERATOR_COLUMNS} FROM moderators WHERE name_key = ? AND removed IS NULL {{lock}}`,
    [nameKey(typeof name === 'string' ? name.trim() : '')],
  );
  return row === undefined ? null : toModerator(row);
}

export function* setRolePlan(
  name: string,
  role: Role,
  by: Actor,
  now: number,
): Plan<AccountChange> {
  checkActor(by);
  checkRole(role);
  const admins = yield* lockAdmins();
  const moderator = yield* lockModerator(name);
  if (moderator === null) return 'not-found';
  if (moderator.role === role) return 'unchanged';
  if (moderator.role === 'admin' && admins <= 1) return 'last-admin';
  yield* run('UPDATE moderators SET role = ? WHERE id = ?', [role, moderator.id]);
  yield* writeAudit({
    at: now,
    by,
    action: 'role',
    target: moderator.name,
    before: { name: moderator.name, role: moderator.role },
    after: { name: moderator.name, role },
  });
  return 'changed';
}

/** removeModeratorPlan, refusing to remove the last admin. */
export function* removeKeepingAnAdminPlan(
  name: string,
  by: Actor,
  now: number,
): Plan<AccountChange> {
  checkActor(by);
  const admins = yield* lockAdmins();
  const moderator = yield* lockModerator(name);
  if (moderator === null) return 'not-found';
  if (moderator.role === 'admin' && admins <= 1) return 'last-admin';
  return (yield* removeModeratorPlan(moderator.name, by, now)) ? 'changed' : 'not-found';
}

// ── Client-key secrets ───────────────────────────────────────────────────────────

const ROTATING = 'client-key';
const BY_EPOCH = 'client-key-epoch';

interface SecretRow {
  generation: number | string;
  material: string;
  created: number | string;
}

const toSecret = (row: SecretRow): ClientSecret => ({
  generation: Number(row.generation),
  material: Buffer.from(row.material, 'hex'),
  created: Number(row.created),
});

/** The newest two rotating secrets, newest first. */
export function* readSecretsPlan(): Plan<ClientSecret[]> {
  const rows = yield* all<SecretRow>(
    `SELECT generation, material, created FROM secrets WHERE purpose = ?
     ORDER BY generation DESC LIMIT 2`,
    [ROTATING],
  );
  return rows.map(toSecret);
}

/**
 * Adds the next generation unless another instance just did (the primary key decides:
 * the loser's insert does nothing and it reads the winner's), and forgets older ones.
 */
export function* rotateSecretsPlan(
  rotateAfterMs: number,
  material: string,
  now: number,
): Plan<ClientSecret[]> {
  const [current] = yield* readSecretsPlan();
  if (current !== undefined && now - current.created < rotateAfterMs) {
    return yield* readSecretsPlan();
  }
  const generation = (current?.generation ?? 0) + 1;
  yield* run(
    `INSERT INTO secrets (purpose, generation, material, created) VALUES (?, ?, ?, ?)
     ON CONFLICT (purpose, generation) DO NOTHING`,
    [ROTATING, generation, material, now],
  );
  yield* run('DELETE FROM secrets WHERE purpose = ? AND generation < ?', [
    ROTATING,
    generation - 1,
  ]);
  return yield* readSecretsPlan();
}

export function* readEpochSecretPlan(epoch: number): Plan<Buffer | null> {
  const row = yield* get<SecretRow>(
    'SELECT generation, material, created FROM secrets WHERE purpose = ? AND generation = ?',
    [BY_EPOCH, epoch],
  );
  return row === undefined ? null : toSecret(row).material;
}

/** The first instance to ask for a period's secret makes it; everyone gets that one. */
export function* epochSecretPlan(epoch: number, material: string, now: number): Plan<Buffer> {
  yield* run(
    `INSERT INTO secrets (purpose, generation, material, created) VALUES (?, ?, ?, ?)
     ON CONFLICT (purpose, generation) DO NOTHING`,
    [BY_EPOCH, epoch, material, now],
  );
  const secret = yield* readEpochSecretPlan(epoch);
  // Periods before the previous one are forgotten: their keys can no longer be made.
  yield* run(
    `DELETE FROM secrets WHERE purpose = ? AND generation <
       (SELECT MAX(generation) FROM secrets WHERE purpose = ?) - 1`,
    [BY_EPOCH, BY_EPOCH],
  );
  if (secret === null) throw new Error('The client-key secret vanished while it was made.');
  return secret;
}
