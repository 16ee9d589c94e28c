// A real OpenID Connect provider for tests and local trials of institutional sign-in:
// panva's oidc-provider (an OpenID-certified implementation), with its built-in development
// login pages (any login name, any password). Not used in production: institutions bring theirs.
// A login name maps to a person: "<name>" → <name>@university.test, email verified, unless the
// name starts with "unverified." (email not verified) or "noemail." (no email claim).
import type { Server } from "node:http";
import Provider from "oidc-provider";

export const TEST_IDP_CLIENT = { id: "dossier", secret: "dossier-test-client-secret" };

export function claimsFor(login: string) {
  const local = login.toLowerCase().replace(/[^a-z0-9.]+/g, "");
  const name = local.replace(/^(unverified|noemail)\./, "").split(".").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(" ");
  if (local.startsWith("noemail.")) return { sub: login, name };
  return { sub: login, name, email: `${local.replace(/^unverified\./, "")}@university.test`, email_verified: !local.startsWith("unverified.") };
}

export async function startTestIdentityProvider(options: { port: number; redirectUri: string }): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_IDP_CLIENT.id,
        client_secret: TEST_IDP_CLIENT.secret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The development login form's login name is the account id (the subject).
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => claimsFor(sub) };
    },
    cookies: { keys: ["test-identity-provider-cookie-key"] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(options.port, () => resolve(s));
  });
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
