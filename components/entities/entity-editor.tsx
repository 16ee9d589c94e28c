"use client";
// Proposing a new authority record or an edit of one: every name with its language/script and
// romanization, one preferred; description, dates (with the date preview), identifiers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ENTITY_TYPE_LABELS } from "@/components/records/labels";
import { useTRPC } from "@/components/trpc/provider";
import type { EntityInput } from "@/server/entities/entities";

const TYPES = [
  ["person", "Person"],
  ["organization", "Organization"],
  ["place", "Place"],
  ["subject", "Subject"],
] as const;

export const ROMANIZATION_OPTIONS = [
  ["", "—"],
  ["revised", "Revised Romanization"],
  ["mccune_reischauer", "McCune-Reischauer"],
  ["pinyin", "Pinyin"],
  ["wade_giles", "Wade-Giles"],
  ["bgn_pcgn", "BGN/PCGN"],
  ["loc", "Library of Congress"],
  ["iso_9", "ISO 9"],
  ["conventional", "Conventional"],
] as const;

const SCHEMES = [
  ["wikidata", "Wikidata"],
  ["viaf", "VIAF"],
  ["lcnaf", "Library of Congress"],
] as const;

type Name = EntityInput["names"][number];

/** The typed coordinates: none, a point, or "invalid" (one missing, or not a number). */
function coordinatesOf(text: { latitude: string; longitude: string }): EntityInput["coordinates"] | "invalid" {
  const [lat, lon] = [text.latitude.trim().replace(",", "."), text.longitude.trim().replace(",", ".")];
  if (lat === "" && lon === "") return null;
  const [latitude, longitude] = [Number(lat), Number(lon)];
  return lat !== "" && lon !== "" && Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : "invalid";
}

/** "person" / "people" for the kind being created (the archive's own labels, in running text). */
function kindLabel(type: EntityInput["type"], count = 2) {
  const labels = ENTITY_TYPE_LABELS[type]!;
  return (count === 1 ? labels.singular : labels.plural).toLowerCase();
}
type ClientError = { message: string; data?: { zodIssues?: { path: (string | number)[]; message: string }[] | null; field?: string | null } | null };

const inputClass = "block w-full rounded border border-stone-300 bg-white px-3 py-2 text-sm";

export function EntityEditor({ entityId, initial }: { entityId?: number; initial: EntityInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<EntityInput>(initial);
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [datesText, setDatesText] = useState(initial.datesText);
  // Typed as text ("-", "39."), read as numbers on submit.
  const [coordinateText, setCoordinateText] = useState({
    latitude: initial.coordinates?.latitude.toString() ?? "",
    longitude: initial.coordinates?.longitude.toString() ?? "",
  });
  useEffect(() => {
    const timer = setTimeout(() => setDatesText(entity.datesText), 300);
    return () => clearTimeout(timer);
  }, [entity.datesText]);
  const preview = useQuery({ ...trpc.dates.parse.queryOptions({ text: datesText.slice(0, 200) }), enabled: datesText.trim() !== "" });
  // Creating: the existing entities close to the typed names, asked about before submitting.
  const typedNames = entity.names.map((n) => n.name.trim()).filter((n) => n.length >= 2);
  const [namesTyped, setNamesTyped] = useState(typedNames);
  useEffect(() => {
    const timer = setTimeout(() => setNamesTyped(typedNames), 400);
    return () => clearTimeout(timer);
  }, [typedNames.join("\u0000")]); // eslint-disable-line react-hooks/exhaustive-deps
  const similar = useQuery({
    ...trpc.entities.similar.queryOptions({ type: entity.type, names: namesTyped }),
    enabled: !entityId && namesTyped.length > 0,
  });
  const lookalikes = entityId ? [] : (similar.data ?? []);
  // The "none of these" answer holds for the entities it was given about, not for later ones.
  const lookalikeKey = lookalikes.map((m) => m.entityId).join(",");
  const [distinctFor, setDistinctFor] = useState<string | null>(null);
  const distinct = distinctFor === lookalikeKey;
  const propose = useMutation(
    trpc.entities.propose.mutationOptions({
      onSuccess: (r) => router.push(`/desk/requests/${r.id}?submitted=1`),
      onError: (error) => {
        const e = error as unknown as ClientError;
        const found: Record<string, string> = {};
        for (const issue of e.data?.zodIssues ?? []) {
          const path = issue.path[0] === "content" ? issue.path.slice(1) : issue.path;
          found[path.join(".")] ??= issue.message;
          found[String(path[0])] ??= issue.message;
        }
        if (e.data?.field) found[e.data.field] ??= e.message;
        setErrors(found);
      },
    }),
  );
  async function submit() {
    if (!entityId && typedNames.length > 0) {
      // Asked with the names as they are now, even if the check as one types has not caught up.
      setNamesTyped(typedNames);
      const found = await queryClient.fetchQuery(trpc.entities.similar.queryOptions({ type: entity.type, names: typedNames }));
      if (found.length > 0 && distinctFor !== found.map((m) => m.entityId).join(",")) {
        setErrors({ distinct: `Check the ${kindLabel(entity.type)} above first: if one of them is the same, propose an edit of it instead.` });
        setTimeout(() => document.getElementById("entity-distinct")?.focus(), 0);
        return;
      }
    }
    const coordinates = entity.type === "place" ? coordinatesOf(coordinateText) : null;
    if (coordinates === "invalid") {
      setErrors({ coordinates: "Give both a latitude and a longitude in decimal degrees (north and east positive), or neither." });
      return;
    }
    propose.mutate({ ...(entityId ? { entityId } : {}), content: { ...entity, coordinates }, message });
  }

  const set = <K extends keyof EntityInput>(key: K, value: EntityInput[K]) => setEntity((e) => ({ ...e, [key]: value }));
  const setName = (i: number, change: Partial<Name>) => set("names", entity.names.map((n, j) => (j === i ? { ...n, ...change } : n)));

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <section className="space-y-4 rounded border border-rule bg-white p-5">
        <label className="block text-sm font-medium">
          Kind
          <select value={entity.type} onChange={(e) => set("type", e.target.value as EntityInput["type"])} className="mt-1 block w-56 rounded border border-stone-300 bg-white px-3 py-2 text-sm">
            {TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>

        <fieldset>
          <legend className="text-sm font-medium">Names</legend>
          <p className="text-xs text-muted">Every spelling readers might type: each with its language and script (ko-Latn, ko-Hang, zh-Hans, ru-Cyrl) and romanization. One is preferred: the page title.</p>
          {errors.names && <p className="mt-1 text-sm text-seal">{errors.names}</p>}
          <ul className="mt-2 space-y-2" aria-label="Names">
            {entity.names.map((n, i) => (
              <li key={i} className="grid grid-cols-[1fr_7rem_12rem_auto_auto] items-center gap-2">
                <input aria-label={`Name ${i + 1}`} value={n.name} maxLength={300} onChange={(e) => setName(i, { name: e.target.value })} className={inputClass}
                  aria-invalid={!!errors[`names.${i}.name`]} />
                <input aria-label={`Language of name ${i + 1}`} placeholder="ko-Latn" value={n.language} maxLength={35} onChange={(e) => setName(i, { language: e.target.value })} className={inputClass} />
                <select aria-label={`Romanization of name ${i + 1}`} value={n.romanization ?? ""} className={inputClass}
                  onChange={(e) => setName(i, { romanization: (e.target.value || undefined) as Name["romanization"] })}>
                  {ROMANIZATION_OPTIONS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                <label className="flex items-center gap-1 text-sm">
                  <input type="radio" name="preferred" checked={n.preferred} onChange={() => set("names", entity.names.map((x, j) => ({ ...x, preferred: j === i })))} />
                  Preferred
                </label>
                <button type="button" disabled={entity.names.length === 1} onClick={() => set("names", entity.names.filter((_, j) => j !== i))} className="text-xs text-seal disabled:opacity-40">Remove</button>
                {errors[`names.${i}.name`] && <p className="col-span-5 text-sm text-seal">{errors[`names.${i}.name`]}</p>}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set("names", [...entity.names, { name: "", language: "", preferred: false }])} className="mt-2 text-sm text-accent">+ Add a name</button>
        </fieldset>

        {lookalikes.length > 0 && (
          <div role="region" aria-labelledby="lookalikes-heading" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
            <h2 id="lookalikes-heading" className="font-medium">Already in the archive? Same {kindLabel(entity.type, 1)}?</h2>
            <p className="mt-1 text-muted">These existing {kindLabel(entity.type)} have a close name. If one is the same, add your spelling to it instead of creating a duplicate.</p>
            <ul className="mt-2 space-y-1">
              {lookalikes.map((m) => (
                <li key={m.entityId}>
                  <a href={`/entities/${m.entityId}`} target="_blank" rel="noopener" className="font-medium text-accent underline">{m.preferred}</a>
                  {m.datesText && <span className="text-muted"> ({m.datesText})</span>}
                  {m.name !== m.preferred && <span className="text-muted"> · matched as {m.name}</span>}
                  {" · "}
                  <a href={`/entities/${m.entityId}/edit`} className="text-accent underline">Propose an edit of it instead</a>
                </li>
              ))}
            </ul>
            <label className="mt-3 flex items-start gap-2">
              <input id="entity-distinct" type="checkbox" checked={distinct} onChange={(e) => setDistinctFor(e.target.checked ? lookalikeKey : null)} className="mt-1"
                aria-invalid={!!errors.distinct} aria-describedby={errors.distinct ? "entity-distinct-error" : undefined} />
              <span>None of these is the same {kindLabel(entity.type, 1)}: create a new one.</span>
            </label>
            {errors.distinct && <p id="entity-distinct-error" className="mt-1 text-seal">{errors.distinct}</p>}
          </div>
        )}

        <label className="block text-sm font-medium">
          Description
          <textarea value={entity.description} maxLength={5000} rows={3} onChange={(e) => set("description", e.target.value)} className={`${inputClass} mt-1`} />
        </label>

        <div>
          <label htmlFor="entity-dates" className="block text-sm font-medium">Dates</label>
          <p className="text-xs text-muted">Birth and death for people, existence for organizations: “1900/1976”, “circa 1948”.</p>
          <input id="entity-dates" value={entity.datesText} maxLength={100} onChange={(e) => set("datesText", e.target.value)} className={`${inputClass} mt-1 max-w-sm`} />
          <p aria-live="polite" className="mt-1 text-sm">
            {entity.datesText.trim() === "" ? null : preview.data?.ok ? <span className="text-emerald-800">Understood as {preview.data.description}</span> : preview.data ? <span className="text-seal">{preview.data.message}</span> : null}
          </p>
          {errors.datesText && <p className="text-sm text-seal">{errors.datesText}</p>}
        </div>

        {entity.type === "place" && (
          <fieldset>
            <legend className="text-sm font-medium">Coordinates</legend>
            <p className="text-xs text-muted">Where the place is, for the maps: decimal degrees, north and east positive (Pyongyang: 39.0194, 125.7381). For a country or region, its capital or centre.</p>
            <div className="mt-1 flex flex-wrap gap-3">
              {(["latitude", "longitude"] as const).map((axis) => (
                <label key={axis} className="text-sm">
                  {axis === "latitude" ? "Latitude" : "Longitude"}
                  <input value={coordinateText[axis]} inputMode="decimal" maxLength={20} aria-invalid={!!errors.coordinates}
                    onChange={(e) => setCoordinateText((c) => ({ ...c, [axis]: e.target.value }))} className={`${inputClass} mt-1 w-40`} />
                </label>
              ))}
            </div>
            {(errors.coordinates || errors["coordinates.latitude"] || errors["coordinates.longitude"]) && (
              <p className="mt-1 text-sm text-seal">{errors.coordinates ?? errors["coordinates.latitude"] ?? errors["coordinates.longitude"]}</p>
            )}
          </fieldset>
        )}

        <fieldset>
          <legend className="text-sm font-medium">Identifiers elsewhere</legend>
          {errors.identifiers && <p className="mt-1 text-sm text-seal">{errors.identifiers}</p>}
          <ul className="mt-2 space-y-2">
            {entity.identifiers.map((id, i) => (
              <li key={i} className="flex gap-2">
                <select aria-label={`Identifier ${i + 1} scheme`} value={id.scheme} className={`${inputClass} w-48`}
                  onChange={(e) => set("identifiers", entity.identifiers.map((x, j) => (j === i ? { ...x, scheme: e.target.value as typeof id.scheme } : x)))}>
                  {SCHEMES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                </select>
                <input aria-label={`Identifier ${i + 1} value`} value={id.value} maxLength={100} placeholder="Q12345" className={inputClass}
                  onChange={(e) => set("identifiers", entity.identifiers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
                <button type="button" onClick={() => set("identifiers", entity.identifiers.filter((_, j) => j !== i))} className="text-xs text-seal">Remove</button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => set("identifiers", [...entity.identifiers, { scheme: "wikidata", value: "" }])} className="mt-2 text-sm text-accent">+ Add an identifier</button>
        </fieldset>
      </section>

      <section className="space-y-3 rounded border border-rule bg-white p-5">
        <label className="block text-sm font-medium">
          What changed and why (required)
          <textarea id="entity-message" value={message} maxLength={2000} rows={2} aria-required aria-invalid={!!errors.message}
            aria-describedby={errors.message ? "entity-message-error" : undefined}
            onChange={(e) => setMessage(e.target.value)} className={`${inputClass} mt-1`} />
        </label>
        {errors.message && <p id="entity-message-error" className="text-sm text-seal">{errors.message}</p>}
        {propose.error && <p role="alert" className="text-sm text-seal">{propose.error.message}</p>}
        <button type="submit" disabled={propose.isPending} className="rounded bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong disabled:opacity-50">
          {propose.isPending ? "Submitting…" : "Submit for review"}
        </button>
      </section>
    </form>
  );
}
