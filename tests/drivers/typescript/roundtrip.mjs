// Round-trip driver for the generated TypeScript package (run on tsc's output).
//   node roundtrip.mjs <dist/index.js> <TypeName> <file.json>   prints the re-encoded JSON
//   node roundtrip.mjs <dist/index.js> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [packageEntry, ...rest] = process.argv.slice(2);
const { decoders } = await import(pathToFileURL(packageEntry).href);

function roundtrip(type, file) {
  const decode = decoders[type];
  if (!decode) throw new Error(`unknown type ${type}`);
  const value = decode(JSON.parse(readFileSync(file, "utf8")), "$");
  return JSON.stringify(value, null, 2) + "\n";
}

if (rest[0] === "--batch") {
  let failed = 0;
  for (const line of readFileSync(0, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const [type, input, output] = line.split("\t");
    try {
      writeFileSync(output, roundtrip(type, input));
    } catch (error) {
      failed++;
      console.error(`${type} ${input}: ${error.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
} else {
  try {
    process.stdout.write(roundtrip(rest[0], rest[1]));
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
