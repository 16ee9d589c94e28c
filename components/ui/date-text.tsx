// A document's date as Dossier shows it everywhere (server/dates/display.ts), machine-readable.
import { displayDate } from "@/server/dates/display";

export function DateText({ written }: { written: string }) {
  const date = displayDate(written);
  return date.machine ? <time dateTime={date.machine}>{date.text}</time> : <span>{date.text}</span>;
}

/** The record page's date: as Dossier shows it, then as the source writes it and in EDTF when those differ. */
export function DateAsWritten({ written, edtf }: { written: string; edtf: string }) {
  const date = displayDate(written);
  const notes = [date.text !== written && `as written: ${written}`, edtf !== written && `EDTF ${edtf}`].filter(Boolean);
  return (
    <>
      <DateText written={written} />
      {notes.length > 0 && <span className="text-muted"> ({notes.join("; ")})</span>}
    </>
  );
}
