// One tokenizer for the index, the query and the highlighting, so that what a reader types
// meets what a record says however either writes it:
//   "U.S.S.R." = "USSR"        dotted abbreviations are one word ("ussr"), also "H. W." -> "hw"
//   "Yong-geon" = "Yonggeon"   a hyphenated word is indexed as its parts and as one word
//   "Ch'oe" = "Choe"           apostrophes and modifier letters vanish inside a word
//   "Gŏn" = "gon", "Øster" = "oster"   accents and letters with strokes fold to plain letters
// Every script is kept as it is written (최용건 stays 최용건). Isomorphic: no server imports.

/** A word of a text: where it stands, and the folded forms the index holds for it. */
export interface Token {
  /** As written, e.g. "Yong-geon" or "U.S.S.R.". */
  raw: string;
  start: number;
  end: number;
  /** Folded parts: ["yong", "geon"], or one part for a plain word or an abbreviation. */
  parts: string[];
  /** All parts as one word: "yonggeon", "ussr". Equal to parts[0] for a plain word. */
  joined: string;
  /** The word was written with a hyphen (its parts are words of their own too). */
  hyphenated: boolean;
  /** A dotted abbreviation ("U.S.S.R.", "H. W."). */
  abbreviation: boolean;
}

// Letters that Unicode does not decompose into a base letter and a mark.
const LETTERS: Record<string, string> = {
  ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ß: "ss", ı: "i", ħ: "h", ŧ: "t", ŀ: "l",
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "g");

const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** The folded form of one word: lower case, accents, apostrophes and other punctuation gone. */
export function foldWord(word: string): string {
  // Most words of most texts are plain ASCII: lower case is all they need (and several times cheaper).
  if (ASCII_WORD.test(word)) return word.toLowerCase();
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(LETTER_RE, (c) => LETTERS[c]!)
    // Apostrophes, including the modifier letters ʼ ʻ used for them in romanizations.
    .replace(/[^\p{L}\p{N}]|[ʼʻʹʾʿ]/gu, "")
    .normalize("NFC");
}

// A word: letters, digits, marks, with apostrophes inside ("Ch'oe", "O’Brien").
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}'’ʼʻ‘\u0060]*`;
// Hyphens that join a word ("Yong-geon", "Bosnia-Herzegovina"); an en dash separates ranges.
const HYPHEN = "[-\u2010\u2011]";
// A single letter followed by a dot starts a dotted abbreviation when another letter and dot
// follow (spaces allowed after a dot): "U.S.S.R.", "H.W.", "A. M.". Read by hand after the word
// pattern (cheaper than trying an abbreviation pattern at every position of every text).
const NEXT_INITIAL = /^\s?(\p{L})(\.?)/u;
const WORD_RE = new RegExp(`${WORD}(?:${HYPHEN}${WORD})*`, "gu");
const HYPHEN_RE = new RegExp(HYPHEN);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The words of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD_RE.lastIndex = 0;
  for (let match = WORD_RE.exec(text); match; match = WORD_RE.exec(text)) {
    const start = match.index;
    let raw = match[0];
    // A lone letter with a dot: read on while letters with dots follow.
    if (text[start + raw.length] === "." && [...raw].length === 1) {
      let end = start + raw.length + 1;
      let letters = 1;
      for (;;) {
        const next = NEXT_INITIAL.exec(text.slice(end, end + 4));
        if (!next) break;
        // A letter without a dot ends the abbreviation, and only when no word goes on after it.
        if (next[2] !== "." && LETTER_OR_DIGIT.test(text[end + next[0].length] ?? "")) break;
        end += next[0].length;
        letters++;
        if (next[2] !== ".") break;
      }
      if (letters >= 2) {
        raw = text.slice(start, end);
        WORD_RE.lastIndex = end;
        const joined = foldWord(raw);
        tokens.push({ raw, start, end, parts: [joined], joined, hyphenated: false, abbreviation: true });
        continue;
      }
    }
    const parts = raw.split(HYPHEN_RE).map(foldWord).filter(Boolean);
    if (parts.length === 0) continue;
    tokens.push({ raw, start, end: start + raw.length, parts, joined: parts.join(""), hyphenated: parts.length > 1, abbreviation: false });
  }
  return tokens;
}

/** The forms of a token the index holds: its parts, and the joined word when it has several. */
export function indexForms(token: Token): string[] {
  return token.hyphenated ? [...token.parts, token.joined] : token.parts;
}

/**
 * A text as the index reads it: its folded words separated by spaces (hyphenated words as their
 * parts followed by the joined word). PostgreSQL's parser then only splits on the spaces.
 */
export function indexText(text: string): string {
  return tokenize(text).flatMap(indexForms).join(" ");
}
