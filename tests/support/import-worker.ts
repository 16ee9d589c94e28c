// A worker process that runs import jobs only (the worker's import loop), for the test that kills
// it with SIGKILL in the middle of a job. DATABASE_URL is the test file's database.
export {};
const { db } = await import("../../server/db");
const { startImportWorker } = await import("../../server/imports/jobs");
startImportWorker({ db, pollMs: 100, log: (message) => console.log(message) });
console.log("import worker ready");
