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
