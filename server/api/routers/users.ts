import { z } from "zod";
import { Role } from "../../generated/prisma/enums";
import { env } from "../../env";
import { inviteUser, issuePasswordReset, setUserDisabled } from "../../users/accounts";
import { listUsers, setUserRole, setUserTrusted } from "../../users/users";
import { adminProcedure, router } from "../trpc";

export const usersRouter = router({
  /** Admins: every user with role and state. */
  list: adminProcedure
    .input(z.object({ q: z.string().max(200).optional() }).optional())
    .query(({ ctx, input }) => listUsers(ctx.db, input ?? {})),

  /** Admins: change another user's role (effective on their next request). */
  setRole: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), role: z.enum(Role) }))
    .mutation(({ ctx, input }) => setUserRole(ctx.db, { actorId: ctx.user.id, ...input })),

  /** Admins: mark an editor trusted (their requests are approved automatically, still audited). */
  setTrusted: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), trusted: z.boolean() }))
    .mutation(({ ctx, input }) => setUserTrusted(ctx.db, { actorId: ctx.user.id, ...input })),

  /** Admins: invite a person with a role; answers the one-time link to hand over. */
  invite: adminProcedure
    .input(z.object({ email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address").max(254)), name: z.string().trim().min(1, "Enter a name").max(200), role: z.enum(Role) }))
    .mutation(({ ctx, input }) => inviteUser(ctx.db, { actorId: ctx.user.id, ...input, baseUrl: env.APP_URL })),

  /** Admins: a one-time password-reset link for a user. */
  issuePasswordReset: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => issuePasswordReset(ctx.db, { actorId: ctx.user.id, userId: input.userId, baseUrl: env.APP_URL })),

  /** Admins: disable or enable an account (a disabled user is signed out on their next request). */
  setDisabled: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, { actorId: ctx.user.id, ...input })),
});
