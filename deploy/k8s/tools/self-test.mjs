// Proves that the checks bite: copies deploy/k8s and the parts of the repository they read into a
// temporary directory, breaks the copy in one way at a time, and requires check.mjs (kubectl
// kustomize included) to fail with the expected message each time (and to pass on the unbroken copy).
//
//   node deploy/k8s/tools/self-test.mjs [--repo DIR] [--kubectl PATH]
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runChecks } from "./check.mjs";
import { k8sDir } from "./lib.mjs";

/**
 * Changes to the copy, journaled so that each mutation is undone before the next one.
 * A mutation whose text is not found is void and reported, so the list cannot rot silently.
 */
class Copy {
  constructor(root) {
    this.root = root;
    this.journal = new Map(); // path -> original text, or null if the file did not exist
  }

  remember(file) {
    const path = join(this.root, file);
    if (!this.journal.has(path)) this.journal.set(path, existsSync(path) ? readFileSync(path, "utf8") : null);
    return path;
  }

  edit(file, from, to) {
    const path = this.remember(file);
    const text = readFileSync(path, "utf8");
    if (!text.includes(from)) throw new Error(`"${from.slice(0, 60)}" not found in ${file}; update the mutation`);
    writeFileSync(path, text.replace(from, to));
  }

  append(file, text) {
    appendFileSync(this.remember(file), text);
  }

  write(file, text) {
    const path = this.remember(file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }

  remove(file) {
    unlinkSync(this.remember(file));
  }

  restore() {
    for (const [path, text] of this.journal) {
      if (text === null) rmSync(path, { force: true });
      else writeFileSync(path, text);
    }
    this.journal.clear();
  }
}

const K = "deploy/k8s";
const MUTATIONS = [
  ["a YAML syntax error", (c) => c.append(`${K}/base/catalog-service/service.yaml`, "\n  bad: [unclosed\n"), "FAIL  base: kubectl kustomize renders it"],
  ["a listed manifest deleted", (c) => c.remove(`${K}/base/billing-service/pdb.yaml`), "FAIL  base: kubectl kustomize renders it"],
  ["a manifest nobody lists", (c) => c.write(`${K}/base/extra.yaml`, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"), "is not listed anywhere"],
  ["a readiness probe on a port the container does not have", (c) => c.edit(`${K}/base/catalog-service/deployment.yaml`, "path: /q/health/ready\n              port: http", "path: /q/health/ready\n              port: 8080"), "readinessProbe port 8080 is not the container's http port"],
  ["a liveness probe on the wrong endpoint", (c) => c.edit(`${K}/base/billing-service/deployment.yaml`, "path: /q/health/live", "path: /health"), "livenessProbe path /health"],
  ["a Service targetPort that is no container port", (c) => c.edit(`${K}/base/licensing-service/service.yaml`, "targetPort: http", "targetPort: web"), "targetPort web is not a container port"],
  ["QUARKUS_HTTP_PORT unlike the container port", (c) => c.edit(`${K}/base/billing-service/kustomization.yaml`, "QUARKUS_HTTP_PORT=8083", "QUARKUS_HTTP_PORT=8084"), "QUARKUS_HTTP_PORT 8084 is not the container port"],
  ["an environment variable dropped", (c) => c.edit(`${K}/base/kustomization.yaml`, "      - QUARKUS_OIDC_TOKEN_ISSUER=https://login.kommunalmarkt.localhost/realms/kommunalmarkt\n", ""), "QUARKUS_OIDC_TOKEN_ISSUER is not set"],
  ["a secret nobody creates", (c) => c.edit(`${K}/base/catalog-service/deployment.yaml`, "name: kommunalmarkt-oidc-clients", "name: kommunalmarkt-oidc-client"), "Secret kommunalmarkt-oidc-client is neither in the manifests"],
  ["a secret key nobody creates", (c) => c.edit(`${K}/base/catalog-service/deployment.yaml`, "key: catalog-service", "key: catalog"), "gives it no key catalog"],
  ["a topic renamed", (c) => c.edit(`${K}/base/kafka/topics.yaml`, "topicName: catalog.directory.dlq", "topicName: catalog.directory-dlq"), "missing topics: catalog.directory.dlq"],
  ["a topic with 3 partitions", (c) => c.edit(`${K}/base/kafka/topics.yaml`, "partitions: 6", "partitions: 3"), "3 partitions, expected 6"],
  ["a topic with min.insync.replicas 1", (c) => c.edit(`${K}/base/kafka/topics.yaml`, "min.insync.replicas: 2\n    retention.ms: -1", "min.insync.replicas: 1\n    retention.ms: -1"), "min.insync.replicas 1, expected 2"],
  ["a misspelt field", (c) => c.edit(`${K}/base/licensing-service/deployment.yaml`, "readinessProbe:", "readinesProbe:"), "readinesProbe: unknown field"],
  ["a service pointed at another service's database", (c) => c.edit(`${K}/base/licensing-service/kustomization.yaml`, "5432/licensing", "5432/billing"), "database billing, but docker-compose.yml gives licensing-service the database licensing"],
  ["a database owned by the wrong role", (c) => c.edit(`${K}/base/postgres/databases.yaml`, "name: billing\n  owner: billing", "name: billing\n  owner: licensing"), "owned by licensing, but billing-service logs in as billing"],
  ["pg_hba without the line for a role", (c) => c.edit(`${K}/base/postgres/cluster.yaml`, "      - host billing billing all scram-sha-256\n", ""), "pg_hba of kommunalmarkt-db rejects role billing"],
  ["Kafka bootstrap on the wrong port", (c) => c.edit(`${K}/base/kustomization.yaml`, "kafka-bootstrap:9092", "kafka-bootstrap:9093"), "KAFKA_BOOTSTRAP_SERVERS kommunalmarkt-kafka-bootstrap:9093"],
  ["an external listener without TLS", (c) => c.edit(`${K}/base/kafka/kafka.yaml`, "type: loadbalancer\n        tls: true", "type: loadbalancer\n        tls: false"), "listener external (loadbalancer) is reachable from outside the cluster without TLS"],
  ["a listener without authentication", (c) => c.edit(`${K}/base/kafka/kafka.yaml`, "        tls: false\n        authentication:\n          type: scram-sha-512\n", "        tls: false\n"), "listener scram takes clients without authentication"],
  ["an operator that may write", (c) => c.edit(`${K}/base/kafka/users.yaml`, "name: operators.komm-one.\n          patternType: prefix\n        operations: [Read, Describe]", "name: operators.komm-one.\n          patternType: prefix\n        operations: [Read, Write]"), "KafkaUser operator-komm-one may Read, Write on operators.komm-one."],
  ["a service that may write another's topic", (c) => c.edit(`${K}/base/kafka/users.yaml`, "name: billing.invoices\n", "name: licensing.licenses\n"), "KafkaUser billing-service may write licensing.licenses"],
  ["a service logging in as another", (c) => c.edit(`${K}/base/billing-service/deployment.yaml`, "name: billing-service\n                  key: sasl.jaas.config", "name: licensing-service\n                  key: sasl.jaas.config"), "Secret of KafkaUser billing-service (got licensing-service/sasl.jaas.config)"],
  ["a realm export change not regenerated", (c) => c.edit("identity/kommunalmarkt-realm.json", '"accessTokenLifespan": 300', '"accessTokenLifespan": 600'), "realm-import.yaml is generated from identity/kommunalmarkt-realm.json"],
  ["a topic the code consumes but nobody declares", (c) => c.append("licensing-service/src/main/resources/application.properties", "\nmp.messaging.incoming.reviews.topic=catalog.reviews\n"), "uses topic catalog.reviews, which has no KafkaTopic"],
  ["more replicas than partitions", (c) => c.edit(`${K}/overlays/production/kustomization.yaml`, "  - name: licensing-service\n    count: 3", "  - name: licensing-service\n    count: 7"), "7 replicas but only 6 partitions"],
  ["an API path routed to the wrong service", (c) => c.edit(`${K}/base/ingress.yaml`, "path: /api/licenses\n            pathType: Prefix\n            backend:\n              service:\n                name: licensing-service", "path: /api/licenses\n            pathType: Prefix\n            backend:\n              service:\n                name: billing-service"), "/api/licenses (served by licensing-service) is routed to billing-service"],
  ["an API path the Ingress forgot", (c) => c.edit(`${K}/base/ingress.yaml`, "          - path: /api/operators\n            pathType: Prefix\n            backend:\n              service:\n                name: catalog-service\n                port:\n                  name: http\n", ""), "catalog-service serves /api/operators, but no Ingress routes it"],
  ["a metrics annotation on the wrong port", (c) => c.edit(`${K}/base/licensing-service/deployment.yaml`, 'prometheus.io/port: "8082"', 'prometheus.io/port: "9000"'), "prometheus.io/port 9000 are not /q/metrics on the http port 8082"],
  ["the seller config map no longer documented", (c) => c.edit(`${K}/README.md`, "create configmap billing-seller", "create configmap billing-sellers"), "ConfigMap billing-seller is neither in the manifests"],
  ["a seller property renamed in the code", (c) => c.edit("billing-service/src/main/resources/application.properties", "billing.seller.vat-id=", "billing.seller.tax-id="), "BILLING_SELLER_VAT_ID is no property of billing-service's application.properties"],
  ["the issuer host no longer replaced in production", (c) => c.edit(`${K}/overlays/production/kustomization.yaml`, "      - select:\n          kind: ConfigMap\n          name: kommunalmarkt-common\n        fieldPaths:\n          - data.QUARKUS_OIDC_TOKEN_ISSUER\n        options:\n          delimiter: /\n          index: 2\n", ""), "but Keycloak's hostname makes the issuer https://login.kommunalmarkt.example.org/realms/kommunalmarkt"],
  ["a patch aimed at a resource that does not exist", (c) => c.edit(`${K}/overlays/production/patches/keycloak.yaml`, "name: keycloak", "name: keycloak-x"), "FAIL  overlays/production: kubectl kustomize renders it"],
  ["a setting misspelt in a service's environment", (c) => c.edit(`${K}/base/catalog-service/kustomization.yaml`, "CATALOG_DEMO_DATA_ENABLED=false", "CATALOG_DEMO_DATA_ENABLE=false"), "CATALOG_DEMO_DATA_ENABLE is no property of catalog-service's application.properties"],
  ["an Ingress backend on a port its Service lacks", (c) => c.edit(`${K}/base/ingress.yaml`, "          - path: /api/municipalities\n            pathType: Prefix\n            backend:\n              service:\n                name: catalog-service\n                port:\n                  name: http", "          - path: /api/municipalities\n            pathType: Prefix\n            backend:\n              service:\n                name: catalog-service\n                port:\n                  name: https"), "Service catalog-service has no port https"],
  ["an Ingress backend Service that does not exist", (c) => c.edit(`${K}/base/ingress.yaml`, "                name: licensing-service", "                name: licensing"), "no Service licensing (in the manifests or created by an operator)"],
  ["a kustomization nobody applies or expects", (c) => c.write(`${K}/overlays/staging/kustomization.yaml`, "resources:\n  - ../../base\n"), "overlays/staging is a top-level kustomization the checker has no expectations for"],
  ["a client secret no longer shared with Keycloak", (c) => c.edit(`${K}/base/keycloak/realm-import.yaml`, "key: billing-service", "key: billing"), "but Keycloak gets client billing-service's secret from kommunalmarkt-oidc-clients/billing"],
  ["a meter renamed in the code", (c) => c.edit("common/src/main/java/de/kommunalmarkt/common/inbox/DeadLetters.java", 'Gauge.builder("kommunalmarkt_dead_letters"', 'Gauge.builder("kommunalmarkt_open_dead_letters"'), "metric kommunalmarkt_dead_letters is registered by no meter of the code"],
  ["a counter's Prometheus name without _total", (c) => c.edit(`${K}/base/monitoring/kommunalmarkt-dashboard.json`, "kommunalmarkt_invoices_issued_total", "kommunalmarkt_invoices_issued"), "metric kommunalmarkt_invoices_issued is registered by no meter of the code"],
  ["an alert dropped", (c) => c.edit(`${K}/base/monitoring/prometheus-rules.yaml`, "alert: KommunalmarktDeadLetters", "alert: KommunalmarktDeadLetter"), "no alert KommunalmarktDeadLetters"],
  ["web's pages routed to another service", (c) => c.edit(`${K}/base/ingress.yaml`, "              service:\n                name: web\n", "              service:\n                name: catalog-service\n"), "no Ingress routes / (Prefix) to Service web"],
  ["web's session secret from a key nobody creates", (c) => c.edit(`${K}/base/web/deployment.yaml`, "key: session-secret", "key: session"), "gives it no key session"],
  ["web calling a service on the wrong port", (c) => c.edit(`${K}/base/web/kustomization.yaml`, "WEB_LICENSING_URL=http://licensing-service:8082", "WEB_LICENSING_URL=http://licensing-service:8083"), "WEB_LICENSING_URL http://licensing-service:8083: Service licensing-service has no port 8083"],
  ["a web setting misspelt", (c) => c.edit(`${K}/base/web/kustomization.yaml`, "WEB_BILLING_URL=", "WEB_BILLINGS_URL="), "WEB_BILLINGS_URL is no property of web's application.properties"],
  ["web behind the Ingress's TLS without the forwarded headers", (c) => c.edit(`${K}/base/web/kustomization.yaml`, "      - QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true\n", ""), "web would send Keycloak an http:// redirect URI"],
  ["web's host no longer replaced in production", (c) => c.edit(`${K}/overlays/production/kustomization.yaml`, "      - select:\n          kind: Ingress\n          name: kommunalmarkt-web\n        fieldPaths:\n          - spec.rules.0.host\n          - spec.tls.0.hosts.0\n", ""), "https://kommunalmarkt.localhost/ (Ingress host of web) is no redirect URI of client kommunalmarkt-web"],
  ["a ServiceMonitor on a port the Service lacks", (c) => c.edit(`${K}/base/monitoring/servicemonitors.yaml`, "  name: billing-service\n  labels:\n    app.kubernetes.io/name: billing-service\nspec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: billing-service\n  endpoints:\n    - port: http", "  name: billing-service\n  labels:\n    app.kubernetes.io/name: billing-service\nspec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: billing-service\n  endpoints:\n    - port: metrics"), "port metrics is no port of Service billing-service"],
];

/** What check.mjs reads, copied into `dest`. */
function copyRepo(repo, dest) {
  const parts = [
    "docker-compose.yml", "identity/kommunalmarkt-realm.json", "event-contracts/src/main", "common/src/main",
    ...["catalog-service", "licensing-service", "billing-service", "web"].map((s) => `${s}/src/main`), "web/pom.xml",
  ];
  for (const p of parts) if (existsSync(join(repo, p))) cpSync(join(repo, p), join(dest, p), { recursive: true });
  cpSync(join(repo, K), join(dest, K), { recursive: true, filter: (src) => !src.startsWith(join(repo, K, ".tools")) });
}

async function quietly(fn) {
  const lines = [];
  const log = console.log;
  console.log = (...a) => lines.push(a.join(" "));
  try {
    const report = await fn();
    return { report, output: lines.join("\n") };
  } finally {
    console.log = log;
  }
}

export async function selfTest(repo, kubectl = "kubectl") {
  const tmp = mkdtempSync(join(tmpdir(), "k8s-check-selftest-"));
  let caught = 0;
  const misses = [];
  try {
    copyRepo(repo, tmp);
    const run = () => quietly(() => runChecks({ repo: tmp, kubectl, quiet: true }));
    const control = await run();
    if (control.report.failed) {
      misses.push(`the unbroken copy fails already:\n${control.output}`);
      return { caught, total: MUTATIONS.length, misses };
    }
    const copy = new Copy(tmp);
    for (const [what, mutate, expected] of MUTATIONS) {
      try {
        mutate(copy);
        const { report, output } = await run();
        if (report.failed > 0 && output.includes(expected)) {
          caught++;
          console.log(`  ok    caught: ${what}`);
        } else {
          misses.push(`${what}: expected a failure mentioning "${expected}"${report.failed ? `, got:\n${output}` : ", but all checks passed"}`);
          console.log(`  FAIL  not caught: ${what}`);
        }
      } catch (e) {
        misses.push(`${what}: ${e.message}`);
        console.log(`  FAIL  void mutation: ${what}`);
      } finally {
        copy.restore();
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { caught, total: MUTATIONS.length, misses };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const repo = resolve(arg("--repo", join(k8sDir, "..", "..")));
  const started = Date.now();
  const { caught, total, misses } = await selfTest(repo, arg("--kubectl", "kubectl"));
  for (const m of misses) console.log(`          - ${m}`);
  console.log(`self-test: ${caught} of ${total} deliberate breakages caught (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  process.exit(misses.length ? 1 : 0);
}
