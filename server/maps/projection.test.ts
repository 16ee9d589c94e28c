import { describe, expect, it } from "vitest";
import { compactPath, drawMap } from "./projection";

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

describe("compactPath", () => {
  it("rounds to whole pixels, drops repeated points and rings too small to see", () => {
    expect(compactPath("M10.4,10.6L10.2,10.9L20.7,10Z M1,1L1.5,1.2L1.2,1.9Z M0,0L5,5")).toBe("M10,11L21,10ZM0,0L5,5");
  });

  it("keeps a world map small: the land of a 240-pixel map in a few kilobytes", () => {
    const map = drawMap([{ id: 1, name: "Santiago", latitude: -33.45, longitude: -70.67 }, { id: 2, name: "Pyongyang", latitude: 39, longitude: 125.7 }], { width: 240, height: 150 });
    expect(map.land.length).toBeGreaterThan(2_000);
    expect(map.land.length).toBeLessThan(25_000);
  });
});
