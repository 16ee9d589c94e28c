import { accountRouter } from "./routers/account";
import { changeRequestsRouter } from "./routers/change-requests";
import { collectionsRouter } from "./routers/collections";
import { datesRouter } from "./routers/dates";
import { entitiesRouter } from "./routers/entities";
import { importsRouter } from "./routers/imports";
import { meRouter } from "./routers/me";
import { recordsRouter } from "./routers/records";
import { searchRouter } from "./routers/search";
import { auditRouter } from "./routers/audit";
import { searchAdminRouter } from "./routers/search-admin";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  records: recordsRouter,
  entities: entitiesRouter,
  collections: collectionsRouter,
  dates: datesRouter,
  me: meRouter,
  account: accountRouter,
  changeRequests: changeRequestsRouter,
  users: usersRouter,
  search: searchRouter,
  searchAdmin: searchAdminRouter,
  audit: auditRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
