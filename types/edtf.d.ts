// The edtf package ships no type declarations; this covers what Dossier uses.
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
