import { expect, it } from "vitest";
import { authErrorLine } from "./log";

it("says a session error in one short line, with its cause, without the stack", () => {
  // As next-auth raises it for a cookie it cannot decrypt: the decryption error as `cause.err`.
  const error = Object.assign(new Error("Read more at https://errors.authjs.dev#jwtsessionerror"), {
    name: "JWTSessionError",
    cause: { err: new Error("Invalid Compact JWE\n    at decrypt (jose.js:1:1)") },
  });
  const line = authErrorLine(error);
  expect(line).toContain("JWTSessionError");
  expect(line).toContain("Invalid Compact JWE");
  expect(line).not.toContain("\n");
  expect(line).not.toContain("at decrypt");
  expect(authErrorLine(new Error("x".repeat(1000))).length).toBeLessThanOrEqual(300);
});
