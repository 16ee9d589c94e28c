import { describe, expect, it } from "vitest";
import { parseGeo } from "./tei";

describe("parseGeo (TEI's location/geo)", () => {
  it.each([
    ["39.0392 125.7625", { latitude: 39.0392, longitude: 125.7625 }],
    ["  -33.87\n  151.21 ", { latitude: -33.87, longitude: 151.21 }],
    ["37.9708, 126.5544", { latitude: 37.9708, longitude: 126.5544 }],
    ["+52 -1", { latitude: 52, longitude: -1 }],
  ])("reads %j as latitude then longitude", (text, point) => {
    expect(parseGeo(text)).toEqual(point);
  });

  it.each(["", "north of Seoul", "39.0392", "39.0392 125.7625 12", "39°01′N 125°45′E", "1e3 5", "39.0392 ,"])("refuses %j", (text) => {
    expect(parseGeo(text)).toBeUndefined();
  });
});
