// Password hashing with argon2id (@node-rs/argon2: maintained, prebuilt binaries inside the npm
// package, so it installs offline). Parameters are the library's defaults (OWASP-compliant).
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spent when the account does not exist, so response time does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("dossier-timing-equalizer");
  await verifyPassword(await dummyHash, password);
}
