// Who may call what: the one table for every tRPC procedure and every route outside tRPC.
// The code enforces access where it runs (procedure builders in server/api/trpc.ts, checks in
// route handlers); this table is the rule those places are tested against:
// tests/integration/authorization.test.ts calls every procedure as every kind of caller, and
// e2e/authorization.spec.ts calls every route over HTTP. A procedure or route missing here
// fails those tests.

/**
 * public: anyone, signed in or not. signedIn: any signed-in user with a role. editor, reviewer,
 * admin: that role or a higher one (trusted editors are editors). Disabled users and users
 * without a role are treated as signed out.
 */
export type Access = "public" | "signedIn" | "editor" | "reviewer" | "admin";

export const PROCEDURE_ACCESS: Record<string, Access> = {
  "records.recent": "public",
  "records.byId": "public",
  "records.history": "public",
  "records.revision": "public",
  "records.compare": "public",
  "records.citation": "public",
  "records.revert": "reviewer",
  "records.withdraw": "admin",
  "records.restore": "admin",
  "entities.byId": "public",
  "entities.records": "public",
  "entities.context": "public",
  "entities.forEdit": "editor",
  "entities.propose": "editor",
  "entities.browse": "public",
  "entities.mergedFrom": "public",
  "entities.proposeMerge": "editor",
  "entities.undoMerge": "reviewer",
  "entities.pick": "editor",
  "entities.similar": "editor",
  "entities.places": "public",
  "collections.list": "public",
  "collections.bySlug": "public",
  "dates.parse": "public",
  "search.query": "public",
  "search.suggest": "public",
  "searchAdmin.status": "admin",
  "searchAdmin.retry": "admin",
  "searchAdmin.reconcile": "admin",
  "searchAdmin.rebuild": "admin",
  "me.get": "signedIn",
  "changeRequests.startEdit": "editor",
  "changeRequests.saveDraft": "editor",
  "changeRequests.submit": "editor",
  "changeRequests.propose": "editor",
  "changeRequests.rebase": "editor",
  "changeRequests.withdraw": "editor",
  "changeRequests.comment": "editor",
  "changeRequests.byId": "editor",
  "changeRequests.mine": "editor",
  "changeRequests.queue": "reviewer",
  "changeRequests.approve": "reviewer",
  "changeRequests.approveMany": "reviewer",
  "changeRequests.reject": "reviewer",
  "changeRequests.sendBack": "reviewer",
  "imports.list": "editor",
  "imports.byId": "editor",
  "imports.items": "editor",
  "imports.item": "editor",
  "imports.mappingStep": "editor",
  "imports.check": "editor",
  "imports.submit": "editor",
  "imports.discard": "editor",
  "imports.approve": "reviewer",
  "imports.reject": "reviewer",
  "imports.undo": "editor",
  "users.list": "admin",
  "users.setRole": "admin",
  "users.setTrusted": "admin",
  "users.invite": "admin",
  "users.issuePasswordReset": "admin",
  "users.setDisabled": "admin",
  "audit.list": "admin",
  "account.link": "public",
  "account.acceptInvitation": "public",
  "account.resetPassword": "public",
  "account.requestPasswordReset": "public",
  "account.overview": "signedIn",
  "account.changePassword": "signedIn",
  "account.setPreferences": "signedIn",
};

/**
 * Routes outside tRPC, as "METHOD path" with the path of the file in app/. `procedures`: the
 * route only carries tRPC calls, each decided by PROCEDURE_ACCESS. Server actions are listed as
 * "ACTION name".
 */
export const ROUTE_ACCESS: Record<string, Access | "procedures"> = {
  "GET /api/trpc/[trpc]": "procedures",
  "POST /api/trpc/[trpc]": "procedures",
  /** next-auth: session, CSRF token, provider redirects and callbacks, sign-out. */
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/health": "public",
  "GET /admin/audit/export": "admin",
  /** The whole published archive as JSON Lines or CSV. */
  "GET /admin/export/records": "admin",
  /** Bulk import: upload a file (the body), and download an import's report. */
  "POST /api/imports": "editor",
  "GET /imports/[id]/report": "editor",
  /** A published record's citation as BibTeX, RIS or CSL-JSON (withdrawn: 410, unpublished: 404). */
  "GET /records/[id]/cite": "public",
  /** The OAI-PMH provider (GET or POST, as the protocol allows): published records and deleted headers only. */
  "GET /oai": "public",
  "POST /oai": "public",
  /** Sitemaps and Atom feeds: published records, entities and collections only. */
  "GET /sitemap.xml": "public",
  "GET /sitemaps/[name]": "public",
  "GET /feeds/records.xml": "public",
  "GET /collections/[slug]/feed.xml": "public",
  "GET /entities/[id]/feed.xml": "public",
  /** A search's results as CSV, RIS or BibTeX (published records only, at most 500). */
  "GET /search/export": "public",
  "ACTION signInAction": "public",
  "ACTION ssoSignInAction": "public",
  "ACTION signOutAction": "public",
};

export const ROLE_RANK_OF_ACCESS: Record<Access, number> = { public: 0, signedIn: 1, editor: 1, reviewer: 2, admin: 3 };
