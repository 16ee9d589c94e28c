// robots.txt: public pages open to crawlers; the editing desk, review, administration, imports,
// accounts and APIs not (they need an account and hold nothing for an index); the sitemap index.
import type { MetadataRoute } from "next";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/desk", "/review", "/admin", "/imports", "/account", "/api/", "/sign-in", "/invitations", "/reset-password", "/forgot-password", "/records/*/edit", "/entities/*/edit"] }],
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
