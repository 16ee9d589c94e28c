// The validated environment for server code. Documented in .env.example.
import { parseEnv } from "./env-schema";

export const env = parseEnv(process.env, process.env.NEXT_PHASE);
export type Env = typeof env;
