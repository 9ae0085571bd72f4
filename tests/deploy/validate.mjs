// Validates Kubernetes manifests offline against the OpenAPI/CRD schemas shipped in the npm
// packages of package.json:
//   kubernetes-models                          built-in kinds (apps/v1, batch/v1, v1, policy/v1, ...)
//   @kubernetes-models/prometheus-operator     monitoring.coreos.com (ServiceMonitor, PrometheusRule)
//   @kubernetes-models/strimzi-kafka-operator  kafka.strimzi.io (Kafka, KafkaNodePool, KafkaTopic)
//   @kubernetes-models/cloudnative-pg          postgresql.cnpg.io (Cluster)
//
//   node validate.mjs FILE.yaml...        exit 0 when every document validates, 1 otherwise
//
// A document whose apiVersion/kind has no schema here is an error, not a pass. What these schemas
// do not catch (unknown fields: the Kubernetes OpenAPI schemas allow them) is listed in README.md.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const PACKAGES = {
  "": "kubernetes-models",
  "apps": "kubernetes-models",
  "batch": "kubernetes-models",
  "policy": "kubernetes-models",
  "autoscaling": "kubernetes-models",
  "networking.k8s.io": "kubernetes-models",
  "rbac.authorization.k8s.io": "kubernetes-models",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = PACKAGES[group];
  if (!pkg) return null;
  try {
    const mod = await import(`${pkg}/${apiVersion}`);
    return mod[kind] ?? null;
  } catch {
    return null;
  }
}

let failures = 0;
const counts = {};
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE.yaml...");
  process.exit(2);
}
for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [i, doc] of docs.entries()) {
    const where = `${file} document ${i + 1}`;
    if (doc.errors.length > 0) {
      console.log(`FAIL ${where}: not valid YAML: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const { apiVersion, kind } = obj;
    const name = obj.metadata?.name;
    if (!apiVersion || !kind || !name) {
      console.log(`FAIL ${where}: apiVersion, kind and metadata.name are required`);
      failures++;
      continue;
    }
    const Model = await modelFor(apiVersion, kind);
    if (!Model) {
      console.log(`FAIL ${where}: no schema for ${apiVersion} ${kind}`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      counts[`${apiVersion} ${kind}`] = (counts[`${apiVersion} ${kind}`] ?? 0) + 1;
    } catch (e) {
      console.log(`FAIL ${where} (${kind} ${name}): ${e.message}`);
      failures++;
    }
  }
}
for (const [k, n] of Object.entries(counts).sort()) console.log(`valid: ${n} x ${k}`);
if (failures > 0) {
  console.log(`${failures} invalid document(s)`);
  process.exit(1);
}
if (Object.keys(counts).length === 0) {
  console.log("FAIL: no documents found");
  process.exit(1);
}
