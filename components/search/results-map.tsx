// The places the search results mention, on a map beside the timeline: a dot per place sized by its
// documents, each a filter (the same link as the place in the facet list).
import { type MapPlace, PlaceMap, placeLink } from "@/components/maps/place-map";

export function ResultsMap({ places }: { places: MapPlace[] }) {
  if (places.length === 0) return null;
  return (
    <div className="mt-6">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wider text-muted">Places on the map</h3>
      <PlaceMap
        places={places}
        label={`Map of the places these documents mention: ${places.map((p) => `${p.name} (${p.count})`).join(", ")}`}
        width={240}
        height={150}
        caption={placeLink}
      />
    </div>
  );
}
