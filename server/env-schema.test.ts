import { describe, expect, it } from "vitest";
import { parseEnv } from "./env-schema";
import { poolSize } from "./db";

const base = { NODE_ENV: "test", DATABASE_URL: "postgresql://u:p@localhost:5432/d" } as NodeJS.ProcessEnv;

describe("DATABASE_POOL_SIZE", () => {
  it("is read as a whole number and refused clearly when it is not one", () => {
    expect(parseEnv({ ...base, DATABASE_POOL_SIZE: "6" }).DATABASE_POOL_SIZE).toBe(6);
    expect(parseEnv(base).DATABASE_POOL_SIZE).toBeUndefined();
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE must be at least 1/);
    expect(() => parseEnv({ ...base, DATABASE_POOL_SIZE: "many" })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it("defaults to twice the cores, at least 4; a configured size wins", () => {
    expect(poolSize(undefined, 1)).toBe(4);
    expect(poolSize(undefined, 2)).toBe(4);
    expect(poolSize(undefined, 8)).toBe(16);
    expect(poolSize(3, 8)).toBe(3);
  });
});
