import { db } from "../../server/db";
import { PostgresSearchEngine } from "../../server/search/postgres-engine";
import { describeRelevanceContract } from "./relevance-contract";

describeRelevanceContract("PostgreSQL", () => new PostgresSearchEngine(db));
