/**
 * `MHN_SECRET`: an optional pepper for client keys. Client keys are HMACs with a secret
 * that rotates and that the store keeps (server/moderation/client-key.ts), so every
 * instance on one database computes the same keys with nothing to configure. The
 * store's secret is in the database, though, and so in its backups: with it, anyone
 * holding a copy could test every IPv4 address against the stored keys of the last two
 * periods. When MHN_SECRET is set (at least 32 characters), each period's key is made
 * from the store's secret *and* it, so a copy of the database alone links no key to an
 * address. Every instance on one database must then be given the same value.
 *
 * Earlier releases used MHN_SECRET (or a `<db>.secret` file beside a SQLite database) as
 * the only key; such a file is no longer read or made.
 */
export const MIN_SECRET_LENGTH = 32;

export class SecretError extends Error {}

/** The pepper from MHN_SECRET (or the `secret` option), or null when unset or empty. */
export function resolveSecret(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < MIN_SECRET_LENGTH) {
    throw new SecretError(
      `MHN_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`), or unset.`,
    );
  }
  return value;
}
