// A map of places, drawn on the server as SVG (server/maps/projection.ts): land, sea and a
// graticule, a dot per place (larger for more documents), each dot a link for the mouse. The figure
// has a name that lists the places; the SVG itself is hidden from assistive technology (links in
// an image cannot be reached), and the places are also links in the caption, for keyboards.
import Link from "@/components/ui/link";
import { drawMap, type Place } from "@/server/maps/projection";

export interface MapPlace extends Place {
  href: string;
  count?: number;
  active?: boolean;
}

export function PlaceMap({
  places,
  label,
  width = 480,
  height = 260,
  world,
  minSpan,
  caption,
}: {
  places: MapPlace[];
  label: string;
  width?: number;
  height?: number;
  world?: boolean;
  minSpan?: number;
  caption?: (place: MapPlace) => React.ReactNode;
}) {
  const map = drawMap(places, { width, height, world, minSpan });
  const most = Math.max(1, ...places.map((p) => p.count ?? 1));
  const radius = (p: MapPlace) => (p.count === undefined ? 5 : 3 + 5 * Math.sqrt((p.count ?? 1) / most));
  return (
    <figure className="map" aria-label={label}>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} aria-hidden="true" focusable="false" className="h-auto w-full rounded border border-rule">
        <path d={map.sphere} className="fill-sky-50" />
        <path d={map.graticule} className="fill-none stroke-sky-100" strokeWidth={0.5} />
        <path d={map.land} className="fill-stone-200 stroke-stone-400" strokeWidth={0.4} />
        {map.places.map(({ place, x, y }) => (
          <a key={place.id} href={place.href} tabIndex={-1}>
            <circle cx={x} cy={y} r={radius(place)} className={place.active ? "fill-seal stroke-white" : "fill-accent stroke-white"} strokeWidth={1.2} fillOpacity={0.85}>
              <title>{place.count === undefined ? place.name : `${place.name}: ${place.count.toLocaleString("en")} document${place.count === 1 ? "" : "s"}`}</title>
            </circle>
          </a>
        ))}
      </svg>
      {caption && (
        <figcaption className="mt-1 text-xs text-muted">
          <ul className="flex flex-wrap gap-x-3">
            {places.map((p) => (
              <li key={p.id}>{caption(p)}</li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}

/** The caption of a place with its count of documents, as a link to it. */
export function placeLink(place: MapPlace) {
  return (
    <Link href={place.href} aria-current={place.active ? "true" : undefined} className={place.active ? "font-semibold" : undefined}>
      {place.name}{place.count !== undefined && <span className="text-muted"> {place.count.toLocaleString("en")}</span>}
    </Link>
  );
}
