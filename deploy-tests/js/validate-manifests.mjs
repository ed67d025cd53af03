// Validates every YAML document in the files given as arguments against the Kubernetes JSON schemas
// that kubernetes-models ships (ajv). One line per document, then a summary; exit 1 if any failed.
// Run by dev.certstream.deploy.SchemaValidationTest; by hand: node validate-manifests.mjs FILE...
import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';

// The package exports one module per API group version, named like the apiVersion ("v1" is core).
async function modelFor(apiVersion, kind) {
  let group;
  try {
    group = await import(`kubernetes-models/${apiVersion}`);
  } catch (e) {
    return null;
  }
  return typeof group[kind] === 'function' ? group[kind] : null;
}

function describe(doc) {
  const name = doc?.metadata?.name ?? '<unnamed>';
  return `${doc?.apiVersion ?? '<no apiVersion>'} ${doc?.kind ?? '<no kind>'}/${name}`;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-manifests.mjs FILE...');
  process.exit(2);
}
let valid = 0;
let invalid = 0;
for (const file of files) {
  const docs = loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
  for (const doc of docs) {
    const Model = await modelFor(doc.apiVersion, doc.kind);
    if (Model === null) {
      invalid++;
      console.log(`FAIL ${file} ${describe(doc)}: no schema for this apiVersion and kind`);
      continue;
    }
    try {
      new Model(doc).validate();
      valid++;
      console.log(`OK ${file} ${describe(doc)}`);
    } catch (e) {
      invalid++;
      console.log(`FAIL ${file} ${describe(doc)}: ${String(e.message).replace(/\s+/g, ' ')}`);
    }
  }
}
console.log(`${valid} valid, ${invalid} invalid`);
process.exit(invalid === 0 ? 0 : 1);
