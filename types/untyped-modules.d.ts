// Type declarations for packages that ship none. The edtf package: what Dossier uses.
declare module "edtf" {
  interface EdtfValue {
    type: "Date" | "Year" | "Decade" | "Century" | "Season" | "Interval" | "Set" | "List";
    /** Earliest instant, ms since the epoch (may be Infinity/-Infinity for open intervals). */
    min: number;
    max: number;
    edtf: string;
  }
  export default function edtf(input: string): EdtfValue;
}

// async-exit-hook ships no type declarations; this covers what Dossier uses.
declare module "async-exit-hook" {
  interface AsyncExitHook {
    (hook: (done: () => void) => void): void;
    unhookEvent(event: string): void;
  }
  const hook: AsyncExitHook;
  export default hook;
}

// citation-js ships no type declarations; this covers what Dossier uses (server/citations/).
declare module "@citation-js/core" {
  interface FormatOptions {
    template?: string;
    format?: "text" | "html";
    lang?: string;
  }
  export class Cite {
    constructor(data: unknown);
    data: Record<string, unknown>[];
    format(kind: "bibliography" | "citation", options?: FormatOptions): string;
    format(kind: "bibtex" | "biblatex" | "ris" | "data", options?: { format?: "text" | "object" }): string;
  }
  export const plugins: {
    config: { get(name: "@csl"): { styles: { add(name: string, xml: string): void; has(name: string): boolean } } };
  };
}
declare module "@citation-js/plugin-csl";
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-ris";
