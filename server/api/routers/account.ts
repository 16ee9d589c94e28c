import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/password-policy";
import { env } from "../../env";
import { accountOverview, changeOwnPassword, describeToken, redeemToken, requestPasswordReset, setPreferences } from "../../users/accounts";
import { publicProcedure, router, signedInProcedure } from "../trpc";

const token = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, "This link is not valid.");
const password = z.string().min(1, "Choose a password").max(MAX_PASSWORD_LENGTH);

export const accountRouter = router({
  /** Public (the link is the credential): whose invitation or reset link this is, or null. */
  link: publicProcedure
    .input(z.object({ token, kind: z.enum(["invitation", "password_reset"]) }))
    .query(({ ctx, input }) => describeToken(ctx.db, input.token, input.kind)),

  /** Public (the link is the credential): accept an invitation by choosing a name and password. */
  acceptInvitation: publicProcedure
    .input(z.object({ token, name: z.string().trim().min(1, "Enter your name").max(200), password }))
    .mutation(({ ctx, input }) => redeemToken(ctx.db, { ...input, kind: "invitation", ip: ctx.ip })),

  /** Public (the link is the credential): choose a new password through a reset link. */
  resetPassword: publicProcedure
    .input(z.object({ token, password }))
    .mutation(({ ctx, input }) => redeemToken(ctx.db, { ...input, kind: "password_reset", ip: ctx.ip })),

  /** Public: "forgot your password?" — a reset link by email; the same answer whether or not the address has an account. */
  requestPasswordReset: publicProcedure
    .input(z.object({ email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address").max(254)) }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, { email: input.email, ip: ctx.ip, baseUrl: env.APP_URL })),

  /** Signed in: one's own sign-in methods (a password here; institutional sign-ins). */
  overview: signedInProcedure.query(({ ctx }) => accountOverview(ctx.db, ctx.user.id)),

  /** Signed in: one's own preferences (single-key shortcuts on review pages). */
  setPreferences: signedInProcedure
    .input(z.object({ reviewShortcuts: z.boolean() }))
    .mutation(({ ctx, input }) => setPreferences(ctx.db, { userId: ctx.user.id, ...input })),

  /** Signed in: change one's own password (the current one is required; other sessions end). */
  changePassword: signedInProcedure
    .input(z.object({ currentPassword: z.string().min(1, "Enter your current password").max(1024), newPassword: password }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, { userId: ctx.user.id, ...input, ip: ctx.ip })),
});
