// A node module hook for fable-compiler-js 3.3.0 + fable-standalone 3.8.0.
// Use: FABLE_REFERENCES=<dir or .dll>:... node --import <this file> .../fable-compiler-js/index.js <project>
//
// 1. fable-compiler-js imports `init` from fable-standalone as an ES module
//    export, but fable-standalone ships a UMD bundle which, loaded as an ES
//    module, only sets globalThis.__FABLE_STANDALONE__. This resolve hook
//    serves "fable-standalone" as a small module that loads the bundle and
//    exports `init`.
// 2. That `init` swaps the compiler's reference assemblies. fable-compiler-js
//    hands the F# compiler service a fixed list of names (Fable.Metadata's
//    coreAssemblies) read from fable-metadata's folder of netstandard-era
//    reference assemblies, which have neither System.Text.Json nor
//    System.Net.Http. When FABLE_REFERENCES is set (a ':'-separated list of
//    folders, each contributing every *.dll in it, and single .dll files; on a
//    name clash the first wins), the checker is created with exactly those
//    assemblies instead, and only they can be read. The set in use is logged
//    as one "fable-references:" line.
import { register } from "node:module";

const standalone = `
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";

const base = globalThis.__FABLE_STANDALONE__.init;

function referenceSet(spec) {
  const paths = new Map();
  for (const entry of spec.split(":").filter(Boolean)) {
    const files = statSync(entry).isDirectory()
      ? readdirSync(entry).sort().map((name) => join(entry, name))
      : [entry];
    for (const file of files) {
      const name = basename(file);
      if (name.endsWith(".dll") && !paths.has(name)) paths.set(name, file);
    }
  }
  return paths;
}

export function init() {
  const manager = base();
  const spec = process.env.FABLE_REFERENCES;
  if (!spec) return manager;
  const paths = referenceSet(spec);
  const names = [...paths.keys()].map((name) => name.slice(0, -".dll".length));
  console.log("fable-references: " + names.length + " assemblies from " + spec);
  const createChecker = manager.CreateChecker.bind(manager);
  manager.CreateChecker = (_references, _readAllBytes, options) =>
    createChecker(names, (name) => {
      const path = paths.get(name);
      if (!path) throw new Error("the F# compiler asked for " + name + ", which is not in FABLE_REFERENCES");
      return readFileSync(path);
    }, options);
  return manager;
}
`;

const hooks = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (specifier !== "fable-standalone") return resolved;
  const source = "import " + JSON.stringify(resolved.url) + ";\\n" + ${JSON.stringify(standalone)};
  return { url: "data:text/javascript," + encodeURIComponent(source), shortCircuit: true };
}`;

register("data:text/javascript," + encodeURIComponent(hooks));
