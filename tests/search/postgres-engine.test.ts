import { db } from "../../server/db";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { describeEngineContract } from "./engine-contract";

describeEngineContract("PostgreSQL", () => new PostgresSearchEngine(db));
