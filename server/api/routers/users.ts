import { z } from "zod";
import { Role } from "../../generated/prisma/enums";
import { listUsers, setUserRole, setUserTrusted } from "../../users/users";
import { adminProcedure, router } from "../trpc";

export const usersRouter = router({
  /** Admins: every user with role and state. */
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  /** Admins: change another user's role (effective on their next request). */
  setRole: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), role: z.enum(Role) }))
    .mutation(({ ctx, input }) => setUserRole(ctx.db, { actorId: ctx.user.id, ...input })),

  /** Admins: mark an editor trusted (their requests are approved automatically, still audited). */
  setTrusted: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(100), trusted: z.boolean() }))
    .mutation(({ ctx, input }) => setUserTrusted(ctx.db, { actorId: ctx.user.id, ...input })),
});
