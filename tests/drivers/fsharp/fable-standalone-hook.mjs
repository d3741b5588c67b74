// fable-compiler-js 3.3.0 imports `init` from fable-standalone as an ES module
// export, but fable-standalone 3.8.0 ships a UMD bundle which, loaded as an ES
// module, only sets globalThis.__FABLE_STANDALONE__. This resolve hook serves
// "fable-standalone" as a one-line module that loads the bundle and re-exports
// `init`. Use: node --import <this file> .../fable-compiler-js/index.js <project>
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (specifier !== "fable-standalone") return resolved;
  const source = "import " + JSON.stringify(resolved.url) + ";\\n" +
    "export const init = globalThis.__FABLE_STANDALONE__.init;\\n";
  return { url: "data:text/javascript," + encodeURIComponent(source), shortCircuit: true };
}`;

register("data:text/javascript," + encodeURIComponent(hooks));
