import { describe, expect, it } from "vitest";
import { urlProblem } from "./url-safety";

const at = (path: string) => urlProblem(new URL(path, "http://localhost"));

describe("urlProblem", () => {
  it.each(["/browse/people?q=%00", "/admin/audit?actor=%00", "/review?author=%01x", "/collections/%FF", "/records/12-%E2%80", "/x?%00=1", "/records/%00"])(
    "refuses %s",
    (path) => expect(at(path)).not.toBeNull(),
  );

  it.each(["/", "/search?q=Gromyko%20July%201957", "/records/12-%D0%B3%D1%80%D0%BE%D0%BC%D1%8B%D0%BA%D0%BE", "/search?q=%D8%A7%D9%84%D9%85%E2%80%AB", "/browse/people?q=Ch%C5%8Fe"])(
    "reads %s",
    (path) => expect(at(path)).toBeNull(),
  );
});
