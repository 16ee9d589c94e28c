// next-auth's own endpoints (session, CSRF token, callback); access rules are next-auth's.
import { handlers } from "@/server/auth/config";

export const { GET, POST } = handlers;
