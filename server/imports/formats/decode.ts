// Bytes to text for every format: the encoding is read from a byte-order mark, guessed from the
// bytes (UTF-16 without a mark; Windows-1252 when the start is not UTF-8), or given by the
// person importing. Compressed and binary files are refused before anything is parsed: a zip
// bomb is never opened. Decoding is Node's TextDecoder (WHATWG Encoding, with ICU), streamed.
import { type Encoding } from "../mapping";
import { UnreadableFile } from "../row";

export { ENCODINGS, type Encoding } from "../mapping";

/** How the bytes were read, for the report. */
export interface Decoding {
  encoding: Encoding;
  /** Why: "byte-order mark", "detected", "chosen". */
  how: "byte-order mark" | "detected" | "chosen";
}

const SNIFF_BYTES = 64 * 1024;

const COMPRESSED: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "a zip archive"],
  [[0x50, 0x4b, 0x05, 0x06], "a zip archive"],
  [[0x1f, 0x8b], "gzip-compressed"],
  [[0x42, 0x5a, 0x68], "bzip2-compressed"],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "xz-compressed"],
  [[0x28, 0xb5, 0x2f, 0xfd], "zstd-compressed"],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a 7-Zip archive"],
  [[0x52, 0x61, 0x72, 0x21], "a RAR archive"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Excel or Word file"],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Refuses what is not a text file, with what it looks like. */
export function assertTextFile(head: Uint8Array) {
  for (const [magic, what] of COMPRESSED) {
    if (startsWith(head, magic)) {
      const hint = what === "a zip archive" ? " (an .xlsx spreadsheet is one too: save it as CSV)" : "";
      throw new UnreadableFile(`This file is ${what}${hint}. Upload the CSV, JSON Lines or XML file itself, not compressed.`);
    }
  }
}

function detect(head: Uint8Array): Decoding {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", how: "byte-order mark" };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", how: "byte-order mark" };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", how: "byte-order mark" };
  // UTF-16 without a mark: text in Latin letters has a zero in every other byte.
  const pairs = Math.min(head.length >> 1, 2048);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (pairs >= 8 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return { encoding: "utf-16le", how: "detected" };
  if (pairs >= 8 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return { encoding: "utf-16be", how: "detected" };
  if (head.includes(0)) throw new UnreadableFile("This is not a text file (it contains zero bytes). Upload a CSV, JSON Lines or XML file.");
  try {
    // stream: true lets a character cut at the end of the sample pass.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return { encoding: "utf-8", how: "detected" };
  } catch {
    return { encoding: "windows-1252", how: "detected" };
  }
}

/**
 * The first items of a stream (until their total size reaches `limit`) and the whole stream
 * again from its beginning: to sniff a format without reading the file twice.
 */
export async function peek<T>(source: AsyncIterable<T>, size: (item: T) => number, limit: number): Promise<{ head: T[]; all: AsyncIterable<T> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: T[] = [];
  let total = 0;
  let done = false;
  while (total < limit) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    total += size(next.value);
  }
  async function* all() {
    yield* head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}

export interface DecodedText {
  decoding: Decoding;
  text: AsyncIterable<string>;
}

/**
 * Text of a byte stream, as strings of any length in order. A file that claims (or was found) to
 * be UTF-8 but is not, further on, stops with the byte where it breaks.
 */
export async function decodeText(source: AsyncIterable<Uint8Array>, chosen?: Encoding): Promise<DecodedText> {
  const peeked = await peek(source, (chunk) => chunk.length, SNIFF_BYTES);
  const head = Buffer.concat(peeked.head).subarray(0, SNIFF_BYTES);
  const all = peeked.all;
  if (head.length === 0) throw new UnreadableFile("The file is empty.");
  assertTextFile(head);
  const decoding: Decoding = chosen ? { encoding: chosen, how: "chosen" } : detect(head);
  // ignoreBOM: false (the default) drops a leading byte-order mark of the chosen encoding.
  const decoder = new TextDecoder(decoding.encoding, { fatal: decoding.encoding === "utf-8" });
  async function* text() {
    let offset = 0;
    for await (const chunk of all) {
      try {
        const part = decoder.decode(chunk, { stream: true });
        if (part) yield part;
      } catch {
        throw new UnreadableFile(
          `The file is not valid ${decoding.encoding.toUpperCase()} after byte ${offset.toLocaleString("en")}. Save it as UTF-8 (or choose its encoding) and upload it again.`,
        );
      }
      offset += chunk.length;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new UnreadableFile(`The file ends in the middle of a ${decoding.encoding.toUpperCase()} character. Save it again and upload it.`);
    }
  }
  return { decoding, text: text() };
}

/** Lines of a text stream (LF or CRLF), each with its 1-based number; the last may lack a newline. */
export async function* lines(text: AsyncIterable<string>, maxLength: number): AsyncGenerator<{ line: number; text: string }> {
  let pending = "";
  let line = 0;
  for await (const part of text) {
    pending += part;
    let start = 0;
    for (let end = pending.indexOf("\n", start); end !== -1; end = pending.indexOf("\n", start)) {
      line++;
      yield { line, text: pending.slice(start, end).replace(/\r$/, "") };
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLength) throw new UnreadableFile(`Line ${line + 1} is longer than ${maxLength.toLocaleString("en")} characters.`);
  }
  if (pending.length) yield { line: line + 1, text: pending.replace(/\r$/, "") };
}
