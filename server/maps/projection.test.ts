import { describe, expect, it } from "vitest";
import { drawMap } from "./projection";

const PYONGYANG = { id: 1, name: "Pyongyang", latitude: 39.0194, longitude: 125.7381 };
const BEIJING = { id: 2, name: "Beijing", latitude: 39.9042, longitude: 116.4074 };
const MOSCOW = { id: 3, name: "Moscow", latitude: 55.7558, longitude: 37.6173 };
const TIRANA = { id: 4, name: "Tirana", latitude: 41.3275, longitude: 19.8187 };
const SANTIAGO = { id: 5, name: "Santiago", latitude: -33.45, longitude: -70.67 };

describe("drawMap", () => {
  it("draws the region around nearby places, each inside the frame, east to the right and north up", () => {
    const map = drawMap([PYONGYANG, BEIJING], { width: 400, height: 250 });
    expect(map.land.length).toBeGreaterThan(1000);
    const [p, b] = map.places;
    expect(p!.place.name).toBe("Pyongyang");
    expect(p!.x).toBeGreaterThan(b!.x);
    expect(p!.y).toBeGreaterThan(b!.y); // Pyongyang is a little south of Beijing
    for (const { x, y } of map.places) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(400);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(250);
    }
  });

  it("shows the whole world when the places span it, and keeps every place", () => {
    const map = drawMap([PYONGYANG, MOSCOW, TIRANA, SANTIAGO], { width: 480, height: 260 });
    expect(map.places.map((p) => p.place.name)).toEqual(["Pyongyang", "Moscow", "Tirana", "Santiago"]);
    const santiago = map.places.find((p) => p.place.name === "Santiago")!;
    expect(santiago.y).toBeGreaterThan(130); // southern hemisphere: below the middle
    expect(santiago.x).toBeLessThan(240); // western hemisphere: left of the middle
  });

  it("draws one place with a region of at least the asked span around it, centred", () => {
    const map = drawMap([TIRANA], { width: 272, height: 200, minSpan: 30 });
    // Near the middle (the box is centred in degrees, the projection bends it a little).
    expect(Math.abs(map.places[0]!.x - 136)).toBeLessThan(20);
    expect(Math.abs(map.places[0]!.y - 100)).toBeLessThan(20);
  });
});
