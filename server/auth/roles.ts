import type { Role } from "../generated/prisma/client";

/** The role ladder: each role may do everything the roles below it may. */
export const ROLE_RANK: Record<Role, number> = { editor: 1, reviewer: 2, admin: 3 };
export const ROLES = Object.keys(ROLE_RANK) as Role[];

export function hasRole(user: { role: Role } | null | undefined, minimum: Role): boolean {
  return !!user && ROLE_RANK[user.role] >= ROLE_RANK[minimum];
}
