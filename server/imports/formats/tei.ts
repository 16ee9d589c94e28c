// TEI as the U.S. Office of the Historian publishes Foreign Relations of the United States
// (FRUS) volumes: each div[@type="document"] becomes a record, its persName/@corresp resolved
// against the volume's persons list, placeName into places, gloss/@target into the terms list's
// subjects, the volume into a collection (docs/import.md has the whole mapping). Editions that
// list their places (TEI's listPlace/place with placeName and location/geo, wherever it stands)
// have placeName/@ref or @corresp resolved against it: the place's names and coordinates.
// XML is read by saxes (a strict, streaming, namespace-aware parser that never fetches or expands
// anything): a DOCTYPE is refused outright, so no DTD, no external entity and no entity
// expansion ever happens (no XXE, no billion laughs). Memory holds one document at a time.
import { SaxesParser, type SaxesTagNS } from "saxes";
import type { DocumentType } from "../../generated/prisma/enums";
import { normalizeName } from "../../entities/names";
import { fileCoordinates, type ImportRow, type Problem, type RowEntity, UnreadableFile } from "../row";
import { decodeText } from "./decode";

interface Person {
  names: string[];
  description: string;
}

/** A place of the file's listPlace: its names, description and point (checked once, when listed). */
interface ListedPlace {
  names: string[];
  description: string;
  coordinates?: { latitude: number; longitude: number };
  /** Why the geo given is left out: a warning on each document that mentions the place. */
  geoProblem?: Problem;
}

/** The elements that name a place in a listPlace entry. */
const PLACE_NAMES = new Set(["placeName", "settlement", "geogName"]);

/**
 * TEI's geo: "latitude longitude" in decimal degrees (the TEI default, WGS 84), separated by
 * white space or a comma. Undefined when it is not two numbers.
 */
export function parseGeo(text: string): { latitude: number; longitude: number } | undefined {
  const parts = text.trim().split(/[\s,]+/).filter(Boolean);
  if (parts.length !== 2 || !parts.every((p) => /^[+-]?\d+(\.\d+)?$/.test(p))) return undefined;
  return { latitude: Number(parts[0]), longitude: Number(parts[1]) };
}

/** "Carter, James Earl, Jr. “Jimmy”" -> ["James Earl Carter Jr.", "Carter, James Earl, Jr.", "Jimmy Carter"]. */
export function personNames(listed: string): string[] {
  const nickname = listed.match(/[“"]([^”"]+)[”"]/)?.[1]?.replace(/,$/, "").trim();
  const plain = listed.replace(/[“"][^”"]*[”"]/g, "").replace(/\s+/g, " ").replace(/[\s,]+$/, "").trim();
  const comma = plain.indexOf(",");
  if (comma === -1) return [...new Set([plain, ...(nickname ? [nickname] : [])])].filter(Boolean);
  const surname = plain.slice(0, comma).trim();
  let given = plain.slice(comma + 1).trim();
  let suffix = "";
  const suffixMatch = given.match(/,\s*(Jr\.?|Sr\.?|I{2,3}|IV)$/i) ?? given.match(/\s+(Jr\.|Sr\.|I{2,3}|IV)$/);
  if (suffixMatch) {
    suffix = suffixMatch[1]!;
    given = given.slice(0, suffixMatch.index).trim();
  }
  const direct = [given, surname, suffix].filter(Boolean).join(" ");
  const names = [direct, plain];
  if (nickname) names.push(`${nickname} ${surname}`);
  return [...new Set(names)].filter(Boolean);
}

/** The document type a FRUS heading names ("Telegram From the Embassy...", "Memorandum of Conversation"). */
export function documentTypeOf(title: string): DocumentType {
  const t = title.toLowerCase();
  if (/memorandum (of|for the record of a) conversation|^conversation|record of (a )?(meeting|conversation)/.test(t)) return "conversation";
  if (/\btelegram\b|\bcable\b/.test(t)) return "telegram";
  if (/\bminutes\b|summary of conclusions/.test(t)) return "minutes";
  if (/\bmemorandum\b|\bnote from\b|\bnote to\b/.test(t)) return "memorandum";
  if (/\bletter\b|\bmessage from\b/.test(t)) return "letter";
  if (/\baddress\b|\bremarks\b|\bspeech\b|\bstatement\b|\btoast\b/.test(t)) return "speech";
  if (/\bagreement\b|\btreaty\b|\bcommuniqu/.test(t)) return "agreement";
  if (/\bdiary\b|\bjournal\b/.test(t)) return "journal_entry";
  if (/\breport\b|\bpaper\b|\bstudy\b|\bestimate\b|\bintelligence\b|\banalysis\b/.test(t)) return "report";
  return "other";
}

/**
 * A FRUS source note ("Source: Carter Library, National Security Affairs, Box 34. Secret.") as
 * archive and locator: the archive is what comes before the first comma; the locator is the rest
 * of the first sentence (the classification and handling notes after it are left out).
 */
export function splitSourceNote(note: string): { archive: string; locator: string } {
  const text = note.replace(/^\s*Source:\s*/i, "").trim();
  // The first full stop that ends a sentence: not after an initial, "No", "p"/"pp", or inside "U.S.".
  const end = text.search(/(?<!\b(?:[A-Z]|No|Nos|pp?|vol|Vol|ca|Dept|Doc|Docs|Jr|Sr|St|U\.S|D\.C))\.(\s+[A-Z(“"]|\s*$)/);
  const sentence = (end === -1 ? text : text.slice(0, end)).trim();
  const comma = sentence.indexOf(",");
  if (comma === -1) return { archive: sentence.slice(0, 500), locator: "" };
  return { archive: sentence.slice(0, comma).trim().slice(0, 500), locator: sentence.slice(comma + 1).trim().slice(0, 500) };
}

const collapse = (s: string) => s.replace(/\s+/g, " ");
const MARKDOWN_SPECIAL = /([\\`*_[\]<>])/g;
const escapeMarkdown = (s: string) => s.replace(MARKDOWN_SPECIAL, "\\$1");
const escapeLineStart = (s: string) => s.replace(/^(#{1,6}\s|[-+]\s|\d+\.\s|>)/, "\\$1");

const BLOCKS = new Set(["p", "ab", "opener", "closer", "signed", "salute", "postscript", "item", "row", "quote", "lg", "l", "dateline", "byline", "trailer"]);
const DAY = /^\d{4}-\d{2}-\d{2}/;

interface Frame {
  name: string;
  tag: SaxesTagNS;
  counts: Map<string, number>;
  index: number;
}

interface Doc {
  n: string;
  xmlId: string;
  location: string;
  min?: string;
  max?: string;
  /** Inside the first head. */
  headDepth: number;
  headText: string;
  headDone: boolean;
  /** Inside a note (footnote or source note). */
  noteDepth: number;
  noteIsSource: boolean;
  noteText: string;
  sourceNote: string;
  notes: string[];
  dateWhen?: string;
  dateNotBefore?: string;
  dateNotAfter?: string;
  dateText: string;
  dateDepth: number;
  dateSeen: boolean;
  blocks: string[];
  current: string;
  /** Open inline emphasis: marker and where its text starts in `current`. */
  inline: { marker: string; start: number }[];
  placeDepth: number;
  placeText: string;
  /** The listed place the open placeName points to (@ref or @corresp). */
  placeRef?: string;
  entities: Map<string, RowEntity>;
  problems: Problem[];
}

export interface TeiVolume {
  id: string;
  title: string;
}

/** Every FRUS document of a TEI file as a row; the volume is each row's collection. */
export async function* readTei(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<ImportRow> {
  const { text } = await decodeText(bytes);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  const persons = new Map<string, Person>();
  const terms = new Map<string, Person>();
  const places = new Map<string, ListedPlace>();
  // Places being read from a listPlace (nested places each their own), and what text goes where.
  const placeStack: { id: string; names: string[]; description: string; geo?: string; capture?: "name" | "geo" | "desc"; text: string }[] = [];
  const volume: TeiVolume = { id: "", title: "" };
  const ready: ImportRow[] = [];
  let documents = 0;
  let doc: Doc | undefined;
  let docDepth = -1;
  let sawRoot = false;

  // The persons and terms lists: an item's names (persName or term with xml:id) and its text.
  let listKind: "persons" | "terms" | undefined;
  let listDepth = -1;
  let item: { text: string; ids: { id: string; start: number; end: number }[]; open?: { id: string; start: number } } | undefined;
  // Header fields.
  let headerTitle: { type: string; text: string } | undefined;
  let idno: { text: string } | undefined;

  const attr = (tag: SaxesTagNS, name: string) => tag.attributes[name]?.value;
  const path = () => "/" + stack.map((f) => `${f.name}[${f.index}]`).join("/");
  const within = (name: string) => stack.some((f) => f.name === name);

  function append(s: string) {
    if (!doc) return;
    if (doc.headDepth > 0 && doc.noteDepth === 0) doc.headText += s;
    if (doc.noteDepth > 0) doc.noteText += s;
    if (doc.dateDepth > 0) doc.dateText += s;
    if (doc.placeDepth > 0) doc.placeText += s;
    if (doc.headDepth === 0 && doc.noteDepth === 0) doc.current += escapeMarkdown(s);
  }

  function flush(prefix = "") {
    if (!doc) return;
    const block = collapse(doc.current).trim();
    doc.current = "";
    doc.inline = [];
    if (block) doc.blocks.push(prefix + escapeLineStart(block));
  }

  function mention(entity: RowEntity, key: string) {
    if (!doc || doc.entities.has(key)) return;
    doc.entities.set(key, entity);
  }

  function mentionListedPlace(id: string, place: ListedPlace) {
    if (!doc || doc.entities.has(`tei:${id}`)) return;
    if (place.geoProblem) doc.problems.push(place.geoProblem);
    const { names, description, coordinates } = place;
    mention({ kind: "place", role: "mentioned", names, ...(description ? { description } : {}), fileKey: `tei:${id}`, ...(coordinates ? { coordinates } : {}) }, `tei:${id}`);
  }

  /** A warning about a pointer (#id) the file's lists do not have, once per document. */
  function unknownPointer(ref: string, message: string) {
    if (doc && !doc.problems.some((p) => p.message.includes(`#${ref}`))) doc.problems.push({ level: "warning", message });
  }

  function finishDocument(): ImportRow {
    const d = doc!;
    flush();
    const problems = d.problems;
    const title = collapse(d.headText).trim().replace(/^\d+[A-Za-z]?\.\s+/, "");
    let dateText = collapse(d.dateText).trim().replace(/[.,;]$/, "");
    const day = (v?: string) => (v && DAY.test(v) ? v.slice(0, 10) : undefined);
    const from = day(d.dateWhen) ?? day(d.dateNotBefore) ?? day(d.min);
    const to = day(d.dateWhen) ?? day(d.dateNotAfter) ?? day(d.max);
    const machine = from && to ? (from === to ? from : `${from}/${to}`) : undefined;
    // The date as written when it says what the machine-readable date says; else the latter.
    if (!dateText || (machine && dateText.length > 60)) dateText = machine ?? "";
    const source = d.sourceNote ? splitSourceNote(collapse(d.sourceNote)) : { archive: "", locator: "" };
    const body = d.blocks.join("\n\n");
    const notes = d.notes.length ? `\n\n---\n\n${d.notes.map((n, i) => `${i + 1}. ${escapeMarkdown(collapse(n).trim())}`).join("\n")}` : "";
    const firstParagraph = d.blocks.find((b) => b.length > 40 && !/^[A-Z\s.,:;-]+$/.test(b)) ?? d.blocks[0] ?? title;
    const plain = firstParagraph.replace(/\\([\\`*_[\]<>#])/g, "$1").replace(/[*_]/g, "");
    const summary = plain.length > 600 ? `${plain.slice(0, plain.lastIndexOf(" ", 590))} …` : plain;
    const key = volume.id && d.xmlId ? `${volume.id}/${d.xmlId}` : undefined;
    return {
      location: d.location,
      key,
      fields: {
        title,
        dateText,
        summary,
        fullText: body + notes,
        originalLanguage: "en",
        documentType: documentTypeOf(title),
        sourceArchive: source.archive,
        sourceLocator: source.locator,
      },
      defaults: { rights: "Public domain (U.S. Government work)" },
      entities: [...d.entities.values()],
      collections: volume.id ? [{ slug: volume.id, title: volume.title || volume.id }] : [],
      links: [],
      problems,
    };
  }

  parser.on("doctype", () => {
    throw new UnreadableFile("The XML has a DOCTYPE. DTDs and entities are not accepted (they can read server files or expand without end); remove the DOCTYPE and upload again.");
  });

  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const name = tag.local;
    let index = 1;
    if (parent) {
      index = (parent.counts.get(name) ?? 0) + 1;
      parent.counts.set(name, index);
    } else {
      sawRoot = true;
      if (name !== "TEI" && name !== "teiCorpus") throw new UnreadableFile(`This XML is not TEI: its root element is <${tag.name}>, not <TEI>.`);
      volume.id = attr(tag, "xml:id") ?? "";
    }
    stack.push({ name, tag, counts: new Map(), index });
    const depth = stack.length;

    // A listPlace (in the header, a standOff or the back matter): each place's names, point and description.
    if (!doc && name === "place" && within("listPlace")) {
      placeStack.push({ id: attr(tag, "xml:id") ?? "", names: [], description: "", text: "" });
      return;
    }
    const listed = placeStack[placeStack.length - 1];
    if (!doc && listed) {
      const before = listed.capture;
      if (!listed.capture && PLACE_NAMES.has(name)) listed.capture = "name";
      else if (!listed.capture && name === "geo") listed.capture = "geo";
      else if (!listed.capture && (name === "desc" || name === "note")) listed.capture = "desc";
      if (listed.capture && listed.capture !== before) listed.text = "";
      return;
    }

    // Header: the volume's title and id.
    if (within("teiHeader")) {
      if (name === "title" && within("titleStmt") && !volume.title) headerTitle = { type: attr(tag, "type") ?? "", text: "" };
      if (name === "idno" && attr(tag, "type") === "frus") idno = { text: "" };
      return;
    }
    const xmlId = attr(tag, "xml:id");
    if ((xmlId === "persons" || xmlId === "terms") && !doc) {
      listKind = xmlId;
      listDepth = depth;
    }
    if (listKind && !doc) {
      if (name === "item") item = { text: "", ids: [] };
      else if (item && xmlId && (name === "persName" || name === "term")) item.open = { id: xmlId, start: item.text.length };
      return;
    }

    if (name === "div" && attr(tag, "type") === "document" && !doc) {
      documents++;
      docDepth = depth;
      const n = attr(tag, "n") ?? String(documents);
      doc = {
        n,
        xmlId: xmlId ?? "",
        location: `document ${n}${xmlId ? ` (${xmlId})` : ""}, line ${parser.line}: ${path()}`,
        min: attr(tag, "frus:doc-dateTime-min"),
        max: attr(tag, "frus:doc-dateTime-max"),
        headDepth: 0,
        headText: "",
        headDone: false,
        noteDepth: 0,
        noteIsSource: false,
        noteText: "",
        sourceNote: "",
        notes: [],
        dateText: "",
        dateDepth: 0,
        dateSeen: false,
        blocks: [],
        current: "",
        inline: [],
        placeDepth: 0,
        placeText: "",
        entities: new Map(),
        problems: [],
      };
      return;
    }
    if (!doc) return;

    if (doc.noteDepth > 0) {
      doc.noteDepth++;
    } else if (name === "note") {
      doc.noteDepth = 1;
      doc.noteIsSource = attr(tag, "type") === "source";
      doc.noteText = "";
    } else if (name === "head" && doc.headDepth === 0 && !doc.headDone && depth === docDepth + 1) {
      doc.headDepth = 1;
    } else if (doc.headDepth > 0) {
      doc.headDepth++;
    } else if (name === "head") {
      flush();
    } else if (BLOCKS.has(name)) {
      flush();
    } else if (name === "lb") {
      doc.current += "\\\n";
    } else if (name === "cell" && doc.current.trim()) {
      doc.current += " | ";
    } else if (name === "hi") {
      const rend = attr(tag, "rend") ?? "";
      const marker = /italic/.test(rend) ? "*" : /strong|bold/.test(rend) ? "**" : "";
      if (marker && doc.headDepth === 0) doc.inline.push({ marker, start: doc.current.length });
      else doc.inline.push({ marker: "", start: doc.current.length });
    }

    if (name === "date" && within("dateline") && !doc.dateSeen) {
      doc.dateSeen = true;
      doc.dateDepth = 1;
      doc.dateWhen = attr(tag, "when");
      doc.dateNotBefore = attr(tag, "notBefore");
      doc.dateNotAfter = attr(tag, "notAfter");
    } else if (doc.dateDepth > 0) {
      doc.dateDepth++;
    }
    if (name === "persName") {
      const corresp = attr(tag, "corresp")?.replace(/^#/, "");
      if (corresp) {
        const person = persons.get(corresp);
        if (person) mention({ kind: "person", role: "mentioned", names: person.names, description: person.description, fileKey: `tei:${corresp}` }, `tei:${corresp}`);
        else unknownPointer(corresp, `persName points to #${corresp}, which the volume's persons list does not have; it is not linked.`);
      }
    }
    if (name === "gloss") {
      const target = attr(tag, "target")?.replace(/^#/, "");
      const term = target ? terms.get(target) : undefined;
      if (term && target) mention({ kind: "subject", role: "mentioned", names: term.names, description: term.description, fileKey: `tei:${target}` }, `tei:${target}`);
    }
    if (name === "placeName" && doc.placeDepth === 0) {
      doc.placeDepth = 1;
      doc.placeText = "";
      const pointer = (attr(tag, "ref") ?? attr(tag, "corresp"))?.trim().split(/\s+/)[0];
      doc.placeRef = pointer?.startsWith("#") ? pointer.slice(1) : undefined;
    } else if (doc.placeDepth > 0) {
      doc.placeDepth++;
    }
  });

  parser.on("text", (value) => {
    if (headerTitle) headerTitle.text += value;
    if (idno) idno.text += value;
    if (item) item.text += value;
    const listed = placeStack[placeStack.length - 1];
    if (listed?.capture) listed.text += value;
    append(value);
  });

  parser.on("closetag", () => {
    const frame = stack.pop()!;
    const name = frame.name;
    const depth = stack.length + 1;
    if (headerTitle && name === "title") {
      if (headerTitle.type === "complete" || (!volume.title && headerTitle.type === "")) volume.title = collapse(headerTitle.text).trim();
      headerTitle = undefined;
    }
    if (idno && name === "idno") {
      volume.id = collapse(idno.text).trim() || volume.id;
      idno = undefined;
    }
    const listed = placeStack[placeStack.length - 1];
    if (!doc && listed) {
      if (name === "place") {
        placeStack.pop();
        const names = [...new Set(listed.names)];
        if (listed.id && names.length) {
          // The point is checked once here (as the entity form checks it), not at each mention.
          const point = listed.geo === undefined ? undefined : parseGeo(listed.geo);
          const checked = point
            ? fileCoordinates("place", names[0]!, point)
            : listed.geo === undefined
              ? {}
              : { problem: { level: "warning" as const, field: "mentions", message: `The coordinates of “${names[0]}” are left out: its geo “${collapse(listed.geo).trim().slice(0, 60)}” is not “latitude longitude” in decimal degrees.` } };
          places.set(listed.id, {
            names,
            description: collapse(listed.description).trim().slice(0, 2_000),
            ...(checked.coordinates ? { coordinates: checked.coordinates } : {}),
            ...(checked.problem ? { geoProblem: checked.problem } : {}),
          });
        }
      } else if (listed.capture === "name" && PLACE_NAMES.has(name)) {
        const placeName = collapse(listed.text).trim();
        if (placeName && normalizeName(placeName)) listed.names.push(placeName.slice(0, 300));
        listed.capture = undefined;
      } else if (listed.capture === "geo" && name === "geo") {
        listed.geo ??= listed.text;
        listed.capture = undefined;
      } else if (listed.capture === "desc" && (name === "desc" || name === "note")) {
        if (!listed.description) listed.description = listed.text;
        listed.capture = undefined;
      }
      return;
    }
    if (listKind && !doc) {
      if (item?.open && (name === "persName" || name === "term")) {
        item.ids.push({ ...item.open, end: item.text.length });
        item.open = undefined;
      } else if (item && name === "item") {
        const text = item.text;
        let rest = text;
        for (const id of [...item.ids].reverse()) rest = rest.slice(0, id.start) + rest.slice(id.end);
        const description = collapse(rest).replace(/^[\s,;:.]+/, "").replace(/\bor\b\s*,?/, "").replace(/^[\s,;:.]+/, "").trim();
        for (const id of item.ids) {
          const listed = collapse(text.slice(id.start, id.end)).trim();
          if (!listed) continue;
          if (listKind === "persons") persons.set(id.id, { names: personNames(listed), description: description.slice(0, 2_000) });
          else {
            // A short expansion names the subject ("CIA" -> Central Intelligence Agency); a long one describes it.
            const expansion = description.replace(/[.;]$/, "");
            const names = expansion && expansion.length <= 80 && !/[:;]/.test(expansion) ? [expansion, listed] : [listed];
            terms.set(id.id, { names: [...new Set(names)], description: names.length === 1 ? description.slice(0, 2_000) : "" });
          }
        }
        item = undefined;
      }
      if (depth === listDepth) listKind = undefined;
      return;
    }
    if (!doc) return;
    if (depth === docDepth) {
      ready.push(finishDocument());
      doc = undefined;
      docDepth = -1;
      return;
    }
    if (doc.noteDepth > 0) {
      doc.noteDepth--;
      if (doc.noteDepth === 0) {
        if (doc.noteIsSource && !doc.sourceNote) doc.sourceNote = doc.noteText;
        else if (!doc.noteIsSource) {
          doc.notes.push(doc.noteText);
          if (doc.headDepth === 0) doc.current += `[${doc.notes.length}]`;
        }
      }
    } else if (doc.headDepth > 0) {
      doc.headDepth--;
      if (doc.headDepth === 0) doc.headDone = true;
    } else if (name === "head") {
      const heading = collapse(doc.current).trim();
      doc.current = "";
      if (heading) doc.blocks.push(`### ${heading}`);
    } else if (BLOCKS.has(name)) {
      flush(name === "item" ? "- " : "");
    } else if (name === "hi") {
      const open = doc.inline.pop();
      if (open?.marker) {
        const inner = doc.current.slice(open.start);
        const trimmed = inner.trim();
        if (trimmed) {
          const lead = inner.match(/^\s*/)![0];
          const trail = inner.match(/\s*$/)![0];
          doc.current = doc.current.slice(0, open.start) + lead + open.marker + trimmed + open.marker + trail;
        }
      }
    }
    if (doc.dateDepth > 0) doc.dateDepth--;
    if (doc.placeDepth > 0) {
      doc.placeDepth--;
      if (doc.placeDepth === 0) {
        const place = collapse(doc.placeText).trim().replace(/[,.;:]$/, "");
        const ref = doc.placeRef;
        const listedPlace = ref ? places.get(ref) : undefined;
        if (ref && listedPlace) mentionListedPlace(ref, listedPlace);
        else {
          if (ref) unknownPointer(ref, `placeName points to #${ref}, which the file's place list does not have; it is linked by its name.`);
          if (place && normalizeName(place)) mention({ kind: "place", role: "mentioned", names: [place] }, `place:${normalizeName(place)}`);
        }
        doc.placeRef = undefined;
      }
    }
  });

  try {
    for await (const part of text) {
      parser.write(part);
      while (ready.length) yield ready.shift()!;
    }
    parser.close();
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    const message = (error as Error).message;
    throw new UnreadableFile(`The XML is not well-formed: ${message.replace(/^undefined:/, "line ")}`);
  }
  while (ready.length) yield ready.shift()!;
  if (!sawRoot) throw new UnreadableFile("The file has no XML element.");
  if (documents === 0) throw new UnreadableFile('This TEI file has no documents (no div type="document").');
}
