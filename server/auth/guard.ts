// Page guards for Server Components: signed-out visitors go to sign-in and come back; signed-in
// users without the role get a 403 page.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "../generated/prisma/enums";
import { hasRole } from "./roles";
import { getSessionUser, type SessionUser } from "./session";

export async function requireRole(minimum: Role, returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user, minimum)) forbidden();
  return user;
}
