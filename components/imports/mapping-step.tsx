"use client";
// The CSV column-mapping step: each column with its first values and the field it fills, the
// reading options (delimiter, encoding, list separator), defaults for what the file leaves out,
// and a name to save the mapping under for the next file of the same shape.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { DOCUMENT_TYPE_LABELS } from "@/components/records/labels";
import { COLUMN_TARGETS, type ColumnTarget, type CsvMapping, DELIMITERS, type Delimiter } from "@/server/imports/mapping";

const ENCODING_LABELS = { "utf-8": "UTF-8", "utf-16le": "UTF-16 (little-endian)", "utf-16be": "UTF-16 (big-endian)", "windows-1252": "Windows-1252 (Western)" } as const;
type Encoding = keyof typeof ENCODING_LABELS;

export function MappingStep({ id, open, onChecked }: { id: number; open: boolean; onChecked: () => void }) {
  const trpc = useTRPC();
  const [delimiter, setDelimiter] = useState<Delimiter | undefined>();
  const [encoding, setEncoding] = useState<Encoding | undefined>();
  const step = useQuery(trpc.imports.mappingStep.queryOptions({ id, delimiter, encoding }));
  // The person's choices per column header, over the suggested (or saved) mapping.
  const [chosen, setChosen] = useState<Record<string, ColumnTarget>>({});
  const [listSeparator, setListSeparator] = useState(";");
  const [defaults, setDefaults] = useState<CsvMapping["defaults"]>({ originalLanguage: "en", documentType: "other", sourceArchive: "", rights: "" });
  const [saveAs, setSaveAs] = useState("");
  const check = useMutation(trpc.imports.check.mutationOptions({ onSuccess: onChecked }));

  function applySaved(mappingId: number) {
    const saved = step.data?.savedMappings.find((m) => m.id === mappingId)?.mapping;
    if (!saved || !step.data) return;
    const byHeader = new Map(saved.columns.map((c) => [c.header, c.target]));
    setChosen(Object.fromEntries(step.data.headers.map((header) => [header, byHeader.get(header) ?? "ignore"])));
    setListSeparator(saved.listSeparator);
    setDefaults(saved.defaults);
    if (saved.delimiter) setDelimiter(saved.delimiter);
    if (saved.encoding) setEncoding(saved.encoding);
  }

  if (!open) {
    return (
      <details className="rounded border border-rule bg-white p-4">
        <summary className="cursor-pointer font-medium">Change the column mapping and check again</summary>
        <div className="mt-3"><MappingStep id={id} open onChecked={onChecked} /></div>
      </details>
    );
  }
  if (step.error) return <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-seal">{step.error.message}</p>;
  if (!step.data) return <p className="text-muted">Reading the file…</p>;
  const data = step.data;
  const columns = data.headers.map((header, i) => ({ header, target: chosen[header] ?? data.suggested[i]?.target ?? "ignore" }));
  const mapping: CsvMapping = { columns, listSeparator, defaults, delimiter: delimiter ?? data.delimiter, encoding: encoding ?? data.decoding.encoding };

  return (
    <section aria-labelledby="mapping-heading" className="space-y-4">
      <h2 id="mapping-heading" className="font-serif text-2xl font-semibold">Which column is which</h2>
      <p className="text-sm text-muted">
        Read as {ENCODING_LABELS[data.decoding.encoding]} ({data.decoding.how}), columns separated by {DELIMITERS[data.delimiter].toLowerCase()}.
        Columns left “not imported” are ignored. Several names in one cell are separated by the list separator.
      </p>
      {data.savedMappings.length > 0 && (
        <div className="text-sm">
          <label htmlFor="saved-mapping" className="font-medium">Use a saved mapping </label>
          <select id="saved-mapping" defaultValue="" onChange={(e) => e.target.value && applySaved(Number(e.target.value))} className="rounded border border-rule px-2 py-1">
            <option value="">Choose…</option>
            {data.savedMappings.map((m) => (
              <option key={m.id} value={m.id}>{m.name}{m.fits ? " (fits this file)" : ""}</option>
            ))}
          </select>
        </div>
      )}
      <div className="grid gap-3 text-sm sm:grid-cols-3">
        <label className="block">
          <span className="font-medium">Columns separated by</span>
          <select value={delimiter ?? data.delimiter} onChange={(e) => setDelimiter(e.target.value as Delimiter)} className="mt-1 block w-full rounded border border-rule px-2 py-1">
            {Object.entries(DELIMITERS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">Encoding</span>
          <select value={encoding ?? data.decoding.encoding} onChange={(e) => setEncoding(e.target.value as Encoding)} className="mt-1 block w-full rounded border border-rule px-2 py-1">
            {Object.entries(ENCODING_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="font-medium">List separator in a cell</span>
          <input value={listSeparator} onChange={(e) => setListSeparator(e.target.value)} maxLength={3} className="mt-1 block w-full rounded border border-rule px-2 py-1" />
        </label>
      </div>
      <ul className="divide-y divide-rule rounded border border-rule bg-white">
        {data.headers.map((header, index) => (
          <li key={`${header}-${index}`} className="grid grid-cols-[minmax(0,1fr)] gap-2 p-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-center">
            <div className="min-w-0">
              <p className="font-medium">{header}</p>
              <p className="truncate text-xs text-muted">{data.sample.map((row) => row[index]).filter(Boolean).slice(0, 3).join(" · ") || "(empty in the first rows)"}</p>
            </div>
            <select aria-label={`Field for column ${header}`} value={columns[index]?.target ?? "ignore"}
              onChange={(e) => setChosen({ ...chosen, [header]: e.target.value as ColumnTarget })}
              className="w-full rounded border border-rule px-2 py-1 text-sm">
              {Object.entries(COLUMN_TARGETS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </li>
        ))}
      </ul>
      <fieldset className="grid gap-3 rounded border border-rule bg-white p-3 text-sm sm:grid-cols-2">
        <legend className="px-1 font-medium">For new records, when the file does not say</legend>
        <label className="block">Original language (ISO code)
          <input value={defaults.originalLanguage} onChange={(e) => setDefaults({ ...defaults, originalLanguage: e.target.value })} className="mt-1 block w-full rounded border border-rule px-2 py-1" />
        </label>
        <label className="block">Document type
          <select value={defaults.documentType} onChange={(e) => setDefaults({ ...defaults, documentType: e.target.value as CsvMapping["defaults"]["documentType"] })} className="mt-1 block w-full rounded border border-rule px-2 py-1">
            {Object.entries(DOCUMENT_TYPE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label className="block">Source archive
          <input value={defaults.sourceArchive} onChange={(e) => setDefaults({ ...defaults, sourceArchive: e.target.value })} className="mt-1 block w-full rounded border border-rule px-2 py-1" />
        </label>
        <label className="block">Rights
          <input value={defaults.rights} onChange={(e) => setDefaults({ ...defaults, rights: e.target.value })} className="mt-1 block w-full rounded border border-rule px-2 py-1" />
        </label>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm">Save this mapping as (optional)
          <input value={saveAs} onChange={(e) => setSaveAs(e.target.value)} placeholder="e.g. Museum catalogue export" className="mt-1 block w-64 max-w-full rounded border border-rule px-2 py-1" />
        </label>
        <button type="button" disabled={check.isPending} onClick={() => check.mutate({ id, mapping, ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) })}
          className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          Check the file
        </button>
      </div>
      {check.error && <p role="alert" className="text-sm text-seal">{check.error.message}</p>}
    </section>
  );
}
