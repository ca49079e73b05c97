/**
 * The moderation half of the store (moderation-types.ts), built once on a PlanRunner:
 * SQLite and PostgreSQL run the very same plans, so they take the same decisions.
 * Passwords are hashed here with argon2id (the `argon2` package), outside any
 * transaction; the plans only read and write rows.
 */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { StoreSettings } from './common.js';
import { applyActionPlan, removeAllByClientPlan } from './moderation-actions.js';
import {
  blockClientPlan,
  blockedKeysPlan,
  carryBlockPlan,
  listBlocksPlan,
  unblockClientPlan,
} from './moderation-blocks.js';
import { addReportPlan, deleteOwnCommentPlan } from './moderation-reports.js';
import {
  addModeratorPlan,
  checkName,
  checkPassword,
  checkRole,
  epochSecretPlan,
  findModeratorPlan,
  getSiteSettingsPlan,
  listModeratorsPlan,
  readEpochSecretPlan,
  readSecretsPlan,
  rehashPlan,
  removeKeepingAnAdminPlan,
  removeModeratorPlan,
  rotateSecretsPlan,
  setPasswordPlan,
  setRolePlan,
  setSiteSettingPlan,
  setSiteSettingsPlan,
} from './moderation-accounts.js';
import {
  checkKeys,
  clearSignInFailuresPlan,
  createSessionPlan,
  endSessionPlan,
  endSessionsPlan,
  getSessionPlan,
  recordSignInFailurePlan,
  signInWaitPlan,
} from './moderation-sessions.js';
import { hashToken, newToken } from './moderation-common.js';
import {
  countByStatusPlan,
  duplicateCountsPlan,
  getCommentPlan,
  listAuditPlan,
  listQueuePlan,
  publishedCountPlan,
} from './moderation-queue.js';
import type { ClientSecret, ModerationStore } from './moderation-types.js';
import type { PlanRunner } from './plan.js';
import type { Store } from './types.js';

export type ModerationMethods = Omit<ModerationStore, keyof Store>;

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes). */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

/**
 * Verified against when a name matches nobody, so that a wrong name takes as long as a
 * wrong password and sign-in does not tell which names exist.
 */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= argon2.hash(newToken(), HASH_OPTIONS));

function checkToken(token: string): string | null {
  return typeof token === 'string' && token.length > 0 && token.length <= 200
    ? hashToken(token)
    : null;
}

export function createModeration(runner: PlanRunner, settings: StoreSettings): ModerationMethods {
  const { now } = settings;
  const secretMaterial = () => randomBytes(32).toString('hex');
  const pair = (list: ClientSecret[]) => {
    const [current, previous] = list;
    if (current === undefined) throw new Error('No client-key secret could be made.');
    return { current, previous: previous ?? null };
  };

  return {
    async addModerator({ name, password, role }, by = null) {
      const kept = checkName(name);
      checkPassword(password);
      checkRole(role);
      const hash = await argon2.hash(password, HASH_OPTIONS);
      const moderator = await runner.write(() =>
        addModeratorPlan({ name: kept, role, hash }, by, now()),
      );
      return moderator === null ? { outcome: 'name-taken' } : { outcome: 'added', moderator };
    },
    listModerators: () => runner.read(() => listModeratorsPlan()),
    async findModerator(name) {
      if (typeof name !== 'string') return null;
      return (await runner.read(() => findModeratorPlan(name)))?.moderator ?? null;
    },
    async verifyPassword(name, password) {
      const found =
        typeof name === 'string' ? await runner.read(() => findModeratorPlan(name)) : null;
      if (typeof password !== 'string' || password.length > 1024) return null;
      if (found === null) {
        await argon2.verify(await dummy(), password);
        return null;
      }
      if (!(await argon2.verify(found.hash, password))) return null;
      if (argon2.needsRehash(found.hash)) {
        const fresh = await argon2.hash(password, HASH_OPTIONS);
        await runner.write(() => rehashPlan(found.moderator.id, found.hash, fresh));
      }
      return found.moderator;
    },
    async setPassword(name, password, by) {
      checkPassword(password);
      const hash = await argon2.hash(password, HASH_OPTIONS);
      return runner.write(() => setPasswordPlan(name, hash, by ?? null, now()));
    },
    removeModerator: (name, by) => runner.write(() => removeModeratorPlan(name, by ?? null, now())),
    setRole: (name, role, by) => runner.write(() => setRolePlan(name, role, by, now())),
    removeModeratorKeepingAnAdmin: (name, by) =>
      runner.write(() => removeKeepingAnAdminPlan(name, by, now())),

    async createSession(moderator) {
      const token = newToken();
      const csrf = newToken();
      const session = await runner.write(() =>
        createSessionPlan(moderator, hashToken(token), csrf, now(), settings),
      );
      return session === null ? null : { token, session };
    },
    async getSession(token) {
      const hash = checkToken(token);
      if (hash === null) return null;
      return runner.write(() => getSessionPlan(hash, now(), settings));
    },
    async endSession(token) {
      const hash = checkToken(token);
      return hash === null ? false : runner.write(() => endSessionPlan(hash));
    },
    endSessions: (moderator) => runner.write(() => endSessionsPlan(moderator)),

    signInWait: (keys) => runner.read(() => signInWaitPlan(keys, now(), settings.signInThrottle)),
    recordSignInFailure: (keys) =>
      runner.write(() => recordSignInFailurePlan(keys, now(), settings.signInThrottle)),
    async clearSignInFailures(keys) {
      checkKeys(keys);
      await runner.write(() => clearSignInFailuresPlan(keys));
    },

    getSiteSettings: (site) => runner.read(() => getSiteSettingsPlan(site)),
    setSiteSetting: (site, key, value, by) =>
      runner.write(() => setSiteSettingPlan(site, key, value, by, now())),
    setSiteSettings: (site, values, by, view) =>
      runner.write(() => setSiteSettingsPlan(site, values, by, now(), view)),

    async getOrCreateSecrets(rotateAfterMs) {
      if (!Number.isSafeInteger(rotateAfterMs) || rotateAfterMs < 1) {
        throw new RangeError(`rotateAfterMs must be a whole number ≥ 1, not ${rotateAfterMs}`);
      }
      const known = await runner.read(() => readSecretsPlan());
      const current = known[0];
      if (current !== undefined && now() - current.created < rotateAfterMs) return pair(known);
      return pair(
        await runner.write(() => rotateSecretsPlan(rotateAfterMs, secretMaterial(), now())),
      );
    },
    async epochSecret(epoch) {
      if (!Number.isSafeInteger(epoch) || epoch < 0) {
        throw new RangeError(`epoch must be a whole number ≥ 0, not ${epoch}`);
      }
      const known = await runner.read(() => readEpochSecretPlan(epoch));
      return known ?? runner.write(() => epochSecretPlan(epoch, secretMaterial(), now()));
    },

    listQueue: (query) => runner.read(() => listQueuePlan(query)),
    countByStatus: (filter) => runner.read(() => countByStatusPlan(filter)),
    getComment: (id) => runner.read(() => getCommentPlan(id)),
    applyAction: (request) => runner.write(() => applyActionPlan(request, now())),

    blockClient: (client, by, note = '') =>
      runner.write(() => blockClientPlan(client, by, note, now())),
    unblockClient: (client, by) => runner.write(() => unblockClientPlan(client, by, now())),
    async isBlocked(clients, carryTo) {
      // Most posters are not blocked: one read, and a write only to carry a block.
      const keys = await runner.read(() => blockedKeysPlan(clients));
      if (keys.length === 0) return false;
      if (carryTo === undefined || keys.includes(carryTo)) return true;
      return runner.write(() => carryBlockPlan(clients, carryTo, now()));
    },
    listBlocks: () => runner.read(() => listBlocksPlan()),
    removeAllByClient: (clients, by) =>
      runner.write(() => removeAllByClientPlan(clients, by, now())),

    listAudit: (query) => runner.read(() => listAuditPlan(query)),

    addReport: (report) => runner.write(() => addReportPlan(report, now())),
    duplicateCounts: (query) => runner.read(() => duplicateCountsPlan(query)),
    async hasPublished(clients) {
      return (await runner.read(() => publishedCountPlan(clients))) > 0;
    },
    publishedCount: (clients) => runner.read(() => publishedCountPlan(clients)),
    deleteOwnComment: (id, token) => runner.write(() => deleteOwnCommentPlan(id, token, now())),
  };
}
