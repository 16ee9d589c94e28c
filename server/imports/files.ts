// The uploaded file, kept in the database (import_chunks) so that any worker can read it and a
// resumed job reads the same bytes. Written and read in slices: memory stays flat in file size.
// Each slice is stored gzip-compressed (level 1, in Node's thread pool): at 100,000 CSV rows this
// wrote and read back a fraction of the bytes, in less time than PostgreSQL's own compression
// of the plain slices took (docs/benchmarks.md, bench:import).
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip as gunzipCallback, gzip as gzipCallback } from "node:zlib";
import { type Db, readRows, writeRows } from "../db";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { ImportFormat } from "../generated/prisma/enums";
import { assertTextFile } from "./formats/decode";
import { UnreadableFile } from "./row";

export const CHUNK_BYTES = 1024 * 1024;

const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

export class FileTooLarge extends DomainError {
  constructor(readonly limit: number) {
    super("BAD_REQUEST", `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most one import takes. Split it into several files.`);
  }
}

/** Re-slices a byte stream into CHUNK_BYTES pieces (the last one shorter). */
async function* slices(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  for await (const piece of source) {
    total += piece.length;
    if (total > limit) throw new FileTooLarge(limit);
    pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    pendingBytes += piece.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, CHUNK_BYTES);
      pending = [all.subarray(CHUNK_BYTES)];
      pendingBytes = all.length - CHUNK_BYTES;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

/** Stores a file's bytes for an import, a slice per statement; returns its size, SHA-256 and first bytes. */
export async function storeFile(db: Db, importId: number, source: AsyncIterable<Uint8Array>, limit: number) {
  const hash = createHash("sha256");
  let size = 0;
  let seq = 0;
  let head = Buffer.alloc(0);
  // A slice is written while the next one arrives and is compressed (one write at a time, in order).
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for await (const slice of slices(source, limit)) {
      if (seq === 0) {
        head = Buffer.from(slice.subarray(0, 512));
        try {
          assertTextFile(slice);
        } catch (error) {
          if (error instanceof UnreadableFile) throw new DomainError("BAD_REQUEST", error.message);
          throw error;
        }
      }
      hash.update(slice);
      size += slice.length;
      const data = await gzip(slice, { level: 1 });
      await writing;
      // Through the pool: the driver sends the bytes as they are, and keeps nothing after.
      writing = writeRows(db, Prisma.sql`INSERT INTO import_chunks (import_id, seq, data, gzipped) VALUES (${importId}, ${seq}, ${data}, true)`);
      writing.catch(() => undefined); // awaited on the next slice or below
      seq++;
    }
    await writing;
  } finally {
    // A failed upload (too large, unreadable, broken off) leaves no write in flight behind it.
    await writing.catch(() => undefined);
  }
  if (size === 0) throw new DomainError("BAD_REQUEST", "The file is empty.");
  return { size, sha256: hash.digest("hex"), head };
}

/**
 * The stored file as a stream of its slices, read one at a time (the next one is fetched while
 * the caller works on the current one); `read.bytes` counts the file's bytes read.
 */
export async function* readStoredFile(db: Db, importId: number, read = { bytes: 0 }): AsyncGenerator<Uint8Array> {
  const fetch = async (seq: number) => {
    const [chunk] = await readRows<{ data: Buffer; gzipped: boolean }>(db, Prisma.sql`SELECT data, gzipped FROM import_chunks WHERE import_id = ${importId} AND seq = ${seq}`);
    return chunk && (chunk.gzipped ? gunzip(chunk.data) : chunk.data);
  };
  let next = fetch(0);
  for (let seq = 1; ; seq++) {
    const data = await next;
    if (!data) return;
    next = fetch(seq);
    next.catch(() => undefined); // awaited on the next turn; a reader that stops early drops it
    read.bytes += data.length;
    yield data;
  }
}

/** The format a file is in, from its name, or else from its first bytes. */
export function detectFormat(fileName: string, head: Uint8Array): ImportFormat {
  const name = fileName.toLowerCase();
  if (/\.(xml|tei)$/.test(name)) return "tei";
  if (/\.(jsonl|ndjson)$/.test(name)) return "jsonl";
  if (/\.(csv|tsv|txt)$/.test(name)) return "csv";
  const start = Buffer.from(head.subarray(0, 200)).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) return "tei";
  if (start.startsWith("{")) return "jsonl";
  return "csv";
}
