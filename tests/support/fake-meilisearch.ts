// A local HTTP server that records the requests our Meilisearch engine makes and answers as
// Meilisearch's documented API does (tasks, settings, documents, search). It tests our adapter
// at the HTTP boundary; it is not a search engine and returns only what a test tells it to.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface FakeMeili {
  url: string;
  requests: RecordedRequest[];
  /** Final status of the next tasks ("succeeded" unless set). */
  taskOutcome: "succeeded" | "failed";
  indexExists: boolean;
  settings: Record<string, unknown>;
  searchResponse: Record<string, unknown>;
  /** When set: the answer to each search (and to each query of a multi-search) by its body. */
  onSearch: ((body: { q: string; filter?: string[] }) => Record<string, unknown>) | null;
  close(): Promise<void>;
}

export async function startFakeMeilisearch(): Promise<FakeMeili> {
  let nextTask = 1;
  const tasks = new Map<number, { type: string; indexUid: string | null; status: string }>();
  const fake: FakeMeili = {
    url: "",
    requests: [],
    taskOutcome: "succeeded",
    indexExists: false,
    settings: {},
    searchResponse: { hits: [], query: "", processingTimeMs: 1, hitsPerPage: 20, page: 1, totalPages: 0, totalHits: 0, facetDistribution: {} },
    onSearch: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const enqueue = (res: http.ServerResponse, type: string, indexUid: string | null) => {
    const uid = nextTask++;
    tasks.set(uid, { type, indexUid, status: fake.taskOutcome });
    send(res, 202, { taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() });
  };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url!, "http://fake");
      const body = raw ? JSON.parse(raw) : undefined;
      fake.requests.push({ method: req.method!, path: url.pathname, query: url.searchParams, headers: req.headers, body });
      const path = url.pathname;
      const index = /^\/indexes\/([^/]+)/.exec(path)?.[1] ?? null;
      if (path === "/health") return send(res, 200, { status: "available" });
      if (req.method === "GET" && /^\/tasks\/\d+$/.test(path)) {
        const uid = Number(path.split("/")[2]);
        const task = tasks.get(uid)!;
        const failed = task.status === "failed";
        return send(res, 200, {
          uid, batchUid: uid, indexUid: task.indexUid, status: task.status, type: task.type, canceledBy: null, details: {},
          error: failed ? { message: "Document identifier `x` is invalid.", code: "invalid_document_id", type: "invalid_request", link: "https://docs.meilisearch.com/errors#invalid_document_id" } : null,
          duration: "PT0.01S", enqueuedAt: new Date().toISOString(), startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
        });
      }
      if (req.method === "POST" && path === "/indexes") {
        fake.indexExists = true;
        return enqueue(res, "indexCreation", body.uid);
      }
      if (req.method === "POST" && path === "/swap-indexes") return enqueue(res, "indexSwap", null);
      if (req.method === "DELETE" && index && path === `/indexes/${index}`) return enqueue(res, "indexDeletion", index);
      if (req.method === "GET" && index && path === `/indexes/${index}`) {
        return fake.indexExists
          ? send(res, 200, { uid: index, primaryKey: "id", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" })
          : send(res, 404, { message: `Index \`${index}\` not found.`, code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" });
      }
      if (path.endsWith("/settings") && req.method === "GET") return send(res, 200, fake.settings);
      if (path.endsWith("/settings") && req.method === "PATCH") {
        fake.settings = { ...fake.settings, ...body };
        return enqueue(res, "settingsUpdate", index);
      }
      if (path.endsWith("/documents") && req.method === "POST") return enqueue(res, "documentAdditionOrUpdate", index);
      if (path.endsWith("/documents/delete-batch") && req.method === "POST") return enqueue(res, "documentDeletion", index);
      if (path.endsWith("/documents/fetch") && req.method === "POST") return send(res, 200, { results: [], offset: 0, limit: 1000, total: 0 });
      const answer = (query: { q: string; filter?: string[] }) => (fake.onSearch ? fake.onSearch(query) : fake.searchResponse);
      if (path === "/multi-search" && req.method === "POST") {
        const { queries } = body as { queries: ({ indexUid: string } & { q: string; filter?: string[] })[] };
        return send(res, 200, { results: queries.map((q) => ({ indexUid: q.indexUid, ...answer(q) })) });
      }
      if (path.endsWith("/search") && req.method === "POST") return send(res, 200, answer(body as { q: string }));
      if (req.method === "GET" && index && path === `/indexes/${index}/stats`) {
        return send(res, 200, { numberOfDocuments: 100, isIndexing: false, fieldDistribution: {} });
      }
      send(res, 404, { message: `fake Meilisearch: no route for ${req.method} ${path}`, code: "not_found", type: "invalid_request", link: "" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
