// The archive export as its route runs it (server/interchange/archive-export.ts), in a process of
// its own so that its peak resident memory is the kernel's high-water mark: bench:export's child.
// Prints one JSON line: bytes, ms, peakMb. bench:export runs it under a small V8 heap
// (EXPORT_HEAP_MB): finishing at all shows the export streams.
import { readFileSync } from "node:fs";
import { createDbClient } from "../../server/db";
import { archiveExport, type ArchiveExportFormat } from "../../server/interchange/archive-export";

const format = process.argv[2] as ArchiveExportFormat;
const db = createDbClient(process.env.DATABASE_URL!);
const started = performance.now();
let bytes = 0;
for await (const chunk of archiveExport(db, format, "https://archive.example.org")) bytes += Buffer.byteLength(chunk);
const ms = performance.now() - started;
const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ bytes, ms, peakMb, cpuMs: (cpu.user + cpu.system) / 1000 }));
await db.$disconnect();
process.exit(0);
