// Secrets for sign-in: random tokens, their stored digests, and password hashes (argon2id).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** A 256-bit random token, URL-safe, with a prefix naming what it is ("tbs_" session, "tbt_" API token). */
export function newToken(prefix: "tbs_" | "tbt_"): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** What the database keeps of a high-entropy token: its sha-256 (a slow hash is only needed for passwords). */
export function digestToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The CSRF token of a session: derived from the session token, so it needs no storage and dies with it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Checked against when the user does not exist, so a wrong email costs as long as a wrong password. */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await decoy, password);
  return false;
}

export const MIN_PASSWORD_LENGTH = 12;
