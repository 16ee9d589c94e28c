// Places on a map, drawn on the server with no tile server and no network: the land outline from
// Natural Earth (public domain) as packaged by `world-atlas` (TopoJSON, kept: the standard small
// world datasets), decoded by `topojson-client` and projected by `d3-geo` (kept: the reference
// implementation of map projections and adaptive resampling). Equal Earth for the world, so no
// region looks larger than it is; the same projection fitted to a box around the places otherwise.
import { type GeoPermissibleObjects, geoEqualEarth, geoGraticule, geoPath } from "d3-geo";
import type { FeatureCollection, MultiPoint } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import land110 from "world-atlas/land-110m.json";
import land50 from "world-atlas/land-50m.json";

export interface Place {
  id: number;
  name: string;
  latitude: number;
  longitude: number;
}

export interface ProjectedPlace<P extends Place> {
  place: P;
  x: number;
  y: number;
}

export interface DrawnMap<P extends Place> {
  width: number;
  height: number;
  /** SVG path data: the land, and the outline of the visible globe (the sea). */
  land: string;
  sphere: string;
  graticule: string;
  places: ProjectedPlace<P>[];
}

const landOf = (topology: unknown) => {
  const t = topology as Topology<{ land: GeometryCollection }>;
  return feature(t, t.objects.land) as FeatureCollection;
};
/** Coarse land for the whole world (small file, fast); finer land for a region. */
const LAND = { world: landOf(land110), region: landOf(land50) };
const SPHERE: GeoPermissibleObjects = { type: "Sphere" };

/**
 * Points along the edge of a box of at least `minLon` × `minLat` degrees around the places, to fit
 * the projection to. (Points, not a polygon: a spherical polygon's edges are great circles, not
 * parallels, and its winding decides which side is inside.)
 */
function boxAround(places: Place[], minLon: number, minLat: number): MultiPoint {
  const lons = places.map((p) => p.longitude);
  const lats = places.map((p) => p.latitude);
  const [midLon, midLat] = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const halfLon = (Math.max(minLon, Math.max(...lons) - Math.min(...lons)) / 2) * 1.3;
  const halfLat = (Math.max(minLat, Math.max(...lats) - Math.min(...lats)) / 2) * 1.3;
  const [w, e] = [Math.max(-180, midLon - halfLon), Math.min(180, midLon + halfLon)];
  const [s, n] = [Math.max(-85, midLat - halfLat), Math.min(85, midLat + halfLat)];
  const coordinates: [number, number][] = [];
  for (let i = 0; i <= 8; i++) {
    const lon = w + ((e - w) * i) / 8;
    const lat = s + ((n - s) * i) / 8;
    coordinates.push([lon, s], [lon, n], [w, lat], [e, lat]);
  }
  return { type: "MultiPoint", coordinates };
}

/**
 * Path data as small as the picture needs: coordinates rounded to whole pixels, repeated points
 * dropped, and rings (islands, lakes) smaller than `minSize` pixels across left out. Natural
 * Earth's coarsest land is still far finer than a map 240 pixels wide: unreduced, its path is
 * about 190 KB, sent twice (the HTML and the page's React payload).
 */
export function compactPath(d: string, minSize = 2): string {
  const rings: string[] = [];
  for (const ring of d.split(/(?=M)/)) {
    const numbers = ring.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      const point: [number, number] = [Math.round(numbers[i]!), Math.round(numbers[i + 1]!)];
      const last = points.at(-1);
      if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
    }
    if (points.length < 2) continue;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    if (Math.max(...xs) - Math.min(...xs) < minSize && Math.max(...ys) - Math.min(...ys) < minSize) continue;
    rings.push(`M${points.map((p) => p.join(",")).join("L")}${/Z\s*$/.test(ring) ? "Z" : ""}`);
  }
  return rings.join("");
}

/**
 * Drawn backgrounds, by frame: the world once per size; a region per box (projecting the 50 m
 * land takes ~40 ms, on every place page and regional search otherwise). Bounded: the oldest
 * region is dropped past REGIONS_KEPT.
 */
const backgrounds = new Map<string, { land: string; sphere: string; graticule: string }>();
const REGIONS_KEPT = 500;

/**
 * The places on a map `width` × `height`: the whole world when they span most of it (or `world`
 * is asked for), else the region around them, at least `minSpan` degrees of longitude wide.
 */
export function drawMap<P extends Place>(places: P[], options: { width: number; height: number; world?: boolean; minSpan?: number }): DrawnMap<P> {
  const { width, height } = options;
  const minSpan = options.minSpan ?? 40;
  const lonSpan = places.length ? Math.max(...places.map((p) => p.longitude)) - Math.min(...places.map((p) => p.longitude)) : 360;
  const world = options.world || places.length === 0 || lonSpan > 150;
  const projection = geoEqualEarth();
  if (world) projection.fitSize([width, height], SPHERE);
  else {
    const box = boxAround(places, minSpan, minSpan * (height / width));
    projection.fitExtent([[4, 4], [width - 4, height - 4]], box).clipExtent([[0, 0], [width, height]]);
  }
  const path = geoPath(projection).digits(1);
  const key = `${width}x${height}${world ? "" : `:${projection.scale()}:${projection.translate().join(",")}:${projection.rotate().join(",")}`}`;
  let drawn = backgrounds.get(key);
  if (!drawn) {
    drawn = {
      land: compactPath(path(world ? LAND.world : LAND.region) ?? ""),
      sphere: compactPath(path(SPHERE) ?? "", 0),
      graticule: compactPath(path(geoGraticule().step([30, 30])()) ?? "", 0),
    };
    if (backgrounds.size >= REGIONS_KEPT) backgrounds.delete(backgrounds.keys().next().value!);
    backgrounds.set(key, drawn);
  }
  const projected = places.flatMap((place) => {
    const xy = projection([place.longitude, place.latitude]);
    return xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height ? [{ place, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10 }] : [];
  });
  return { width, height, ...drawn, places: projected };
}
