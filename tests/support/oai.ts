// OAI-PMH responses checked against the protocol's official XML Schema and both metadata
// formats' schemas (tests/fixtures/oai/schemas/, README there), by libxml2's xmllint compiled
// to WebAssembly: the validator Debian's libxml2-utils ships, with nothing to install.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const DIR = path.resolve(import.meta.dirname, "../fixtures/oai/schemas");
const schemas = readdirSync(DIR)
  .filter((f) => f.endsWith(".xsd"))
  .map((fileName) => ({ fileName, contents: readFileSync(path.join(DIR, fileName), "utf8") }));

/** The schema errors of an OAI-PMH response (none: valid). */
export async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: "response.xml", contents: xml },
    schema: schemas.find((s) => s.fileName === "harvest.xsd")!,
    preload: schemas.filter((s) => s.fileName !== "harvest.xsd"),
  });
  return result.errors.map((e) => e.rawMessage);
}
