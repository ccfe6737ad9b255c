// The checks of deploy/k8s that no existing tool makes (run by check.sh).
//
// `kubectl kustomize` renders base and overlays/production: kustomize itself reports YAML errors,
// files that do not exist, patches and replacements that hit nothing, duplicate objects. The npm
// package kubernetes-models checks the built-in objects against the Kubernetes API schema
// (k8s-schema.mjs). What is left, and checked here, is whether the rendered objects agree with
// each other and with the rest of the repository (docker-compose.yml, the services'
// application.properties and JAX-RS resources, the event contracts, the realm export, README.md):
// see README.md ("Checking the manifests offline").
//
//   node deploy/k8s/tools/check.mjs [--repo DIR] [--kubectl PATH] [--quiet]
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isBuiltIn, validateBuiltIn } from "./k8s-schema.mjs";
import { deepEqual, firstDifference, k8sDir as defaultK8sDir, loadYamlFile, yaml } from "./lib.mjs";
import { buildRealmImport } from "./realm-import.mjs";

/** The topics of docs/ARCHITECTURE.md ("Topics and events"), each with its dead-letter topic. */
export const EXPECTED_TOPICS = [
  "catalog.solutions", "catalog.directory", "catalog.rounds", "licensing.licenses", "licensing.deployments", "billing.invoices",
].flatMap((t) => [t, `${t}.dlq`]);
const PARTITIONS = 6;
const TOPIC_REPLICAS = 3;
const MIN_ISR = 2;
const SERVICES = ["catalog-service", "licensing-service", "billing-service"];
/** The web front end: owns no data, calls the services, logs people in with a public client. */
const WEB = "web";
const NAMESPACE = "kommunalmarkt";

/** The top-level kustomizations and what each must produce. */
const EXPECTATIONS = {
  base: { replicas: 2, webReplicas: 2, exactImage: true, publicHosts: false },
  "overlays/production": { replicas: 3, webReplicas: 2, exactImage: false, publicHosts: true },
};

/** apiVersions of the operators' resources, as README.md's operator versions serve them. */
const CR_API = {
  Kafka: "kafka.strimzi.io/v1", KafkaNodePool: "kafka.strimzi.io/v1", KafkaTopic: "kafka.strimzi.io/v1",
  KafkaUser: "kafka.strimzi.io/v1",
  Cluster: "postgresql.cnpg.io/v1", Database: "postgresql.cnpg.io/v1",
  Keycloak: "k8s.keycloak.org/v2alpha1", KeycloakRealmImport: "k8s.keycloak.org/v2alpha1",
  ServiceMonitor: "monitoring.coreos.com/v1", PrometheusRule: "monitoring.coreos.com/v1",
};

/** The alerts docs/OPERATIONS.md ("Dashboard and alerts") promises. */
const EXPECTED_ALERTS = [
  "KommunalmarktOutboxBacklogGrowing", "KommunalmarktDeadLetters", "KommunalmarktConsumerLag",
  "KommunalmarktBillingRunMissing", "KommunalmarktBillingRunSlow", "KommunalmarktReconciliationDifference",
  "KommunalmarktMailBacklog",
];

/**
 * Metrics the frameworks register (Quarkus' HTTP server, the Kafka clients' Micrometer binder), as
 * Prometheus names; the kommunalmarkt_* ones must be meters the code registers (readMeters).
 */
const FRAMEWORK_METRICS = new Set([
  "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
  "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_lag",
]);
/** Identifiers in a PromQL expression that are metric names of these families. */
const METRIC_TOKEN = /\b(?:kommunalmarkt|http_server|kafka_consumer|kafka_producer|jvm|process)_[a-z0-9_]+\b/g;
/** How Micrometer's Prometheus registry names a meter of each kind. */
const PROMETHEUS_SUFFIXES = {
  counter: ["_total"],
  gauge: [""],
  timer: ["_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket"],
  summary: ["_count", "_sum", "_max", "_bucket"],
  unknown: ["", "_total", "_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket", "_count", "_sum", "_max", "_bucket"],
};

/** Environment variables of the services that are not settings of their application.properties. */
const FRAMEWORK_ENV = /^(QUARKUS_|KAFKA_|JAVA_|MP_)/;

// --- reporting ------------------------------------------------------------------------------------

class Report {
  constructor(quiet) {
    Object.assign(this, { quiet, passed: 0, failed: 0 });
  }

  /** One check: `problems` is a list of strings (empty = passed). */
  check(title, problems) {
    if (problems.length === 0) {
      this.passed++;
      if (!this.quiet) console.log(`  ok    ${title}`);
      return;
    }
    this.failed++;
    console.log(`  FAIL  ${title}`);
    for (const p of problems.slice(0, 12)) console.log(`          - ${p}`);
    if (problems.length > 12) console.log(`          - ... and ${problems.length - 12} more`);
  }

  section(title) {
    if (!this.quiet) console.log(title);
  }
}

// --- the repository around deploy/k8s ---------------------------------------------------------------

function readProperties(file) {
  const props = {};
  if (!existsSync(file)) return props;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const m = /^([^#!=:\s][^=:\s]*)\s*[=:]\s*(.*)$/.exec(raw.trim());
    if (m) props[m[1]] = m[2];
  }
  return props;
}

function listFiles(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if ([".tools", "node_modules", "target"].includes(e.name) || e.name.startsWith(".git")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** Facts from the rest of the repository that the manifests must agree with. */
function readRepo(repo) {
  const facts = { services: {}, problems: [] };
  let compose = {};
  try {
    compose = yaml.load(readFileSync(join(repo, "docker-compose.yml"), "utf8"));
  } catch (e) {
    facts.problems.push(`docker-compose.yml: ${e.message.split("\n")[0]}`);
  }
  for (const svc of SERVICES) {
    const c = compose?.services?.[svc];
    const props = readProperties(join(repo, svc, "src", "main", "resources", "application.properties"));
    const env = c?.environment ?? {};
    const composeEnv = Array.isArray(env) ? Object.fromEntries(env.map((e) => e.split("=", 2))) : env;
    const incoming = {};
    for (const [k, v] of Object.entries(props)) {
      const m = /^mp\.messaging\.incoming\.([^.]+)\.(topic|dead-letter-queue\.topic|group\.id)$/.exec(k);
      if (m) (incoming[m[1]] ??= {})[m[2]] = v;
    }
    facts.services[svc] = {
      composeEnv,
      image: c?.image,
      database: /^jdbc:postgresql:\/\/[^/]+\/([^?]+)/.exec(composeEnv.QUARKUS_DATASOURCE_JDBC_URL ?? "")?.[1],
      httpPort: Number(props["quarkus.http.port"] ?? composeEnv.QUARKUS_HTTP_PORT),
      clientId: props["quarkus.oidc.client-id"] ?? composeEnv.QUARKUS_OIDC_CLIENT_ID,
      props,
      incoming,
      apiPaths: readApiPaths(join(repo, svc, "src", "main", "java")),
    };
    if (!c) facts.problems.push(`docker-compose.yml has no service ${svc}`);
  }
  {
    const c = compose?.services?.[WEB];
    const env = c?.environment ?? {};
    const composeEnv = Array.isArray(env) ? Object.fromEntries(env.map((e) => e.split("=", 2))) : env;
    const propsFile = join(repo, WEB, "src", "main", "resources", "application.properties");
    const props = readProperties(propsFile);
    // Its settings: its properties, and the variables they read (${WEB_SESSION_SECRET}).
    const referenced = Object.values(props).flatMap((v) => [...String(v).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    const pom = join(repo, WEB, "pom.xml");
    facts.web = {
      composeEnv,
      image: c?.image,
      httpPort: Number(props["quarkus.http.port"] ?? composeEnv.QUARKUS_HTTP_PORT),
      clientId: props["quarkus.oidc.client-id"] ?? composeEnv.QUARKUS_OIDC_CLIENT_ID,
      props,
      settings: new Set([...Object.keys(props).map(envName), ...referenced]),
      // /q/metrics only with Micrometer
      metrics: existsSync(pom) && /quarkus-micrometer/.test(readFileSync(pom, "utf8")),
    };
    if (!c) facts.problems.push(`docker-compose.yml has no service ${WEB}`);
    if (!existsSync(propsFile)) facts.problems.push(`${WEB}/src/main/resources/application.properties not found`);
  }
  const topicsJava = join(repo, "event-contracts", "src", "main", "java", "de", "kommunalmarkt", "events", "Topics.java");
  facts.contractTopics = existsSync(topicsJava)
    ? [...readFileSync(topicsJava, "utf8").matchAll(/static final String \w+\s*=\s*"([^"]+)"/g)].map((m) => m[1])
      .filter((t) => !t.endsWith(".")) : null; // a prefix (operators.) names no topic
  const asyncapi = join(repo, "event-contracts", "src", "main", "resources", "asyncapi.yaml");
  try {
    facts.asyncapiTopics = existsSync(asyncapi)
      ? Object.values(yaml.load(readFileSync(asyncapi, "utf8")).channels ?? {}).map((c) => c.address)
        .filter((a) => a && !a.includes("{")) : null; // operators.{operatorId}.deployments: created by licensing per operator
  } catch (e) {
    facts.problems.push(`asyncapi.yaml: ${e.message.split("\n")[0]}`);
  }
  facts.realmFile = join(repo, "identity", "kommunalmarkt-realm.json");
  facts.metrics = readMeters(["common", ...SERVICES].map((m) => join(repo, m, "src", "main", "java")));
  return facts;
}

/**
 * The Prometheus names of the kommunalmarkt_* meters the code registers (Counter/Gauge/Timer.builder,
 * registry.counter/gauge/timer), each with the suffixes its kind gets; a name seen elsewhere may be any.
 */
function readMeters(javaDirs) {
  const names = new Set();
  for (const dir of javaDirs) {
    for (const f of listFiles(dir, (p) => p.endsWith(".java"))) {
      const text = readFileSync(f, "utf8");
      const kinds = new Map();
      for (const m of text.matchAll(/\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer|LongTaskTimer|DistributionSummary)\.builder\(\s*"(kommunalmarkt_\w+)"/g)) {
        kinds.set(m[2], { Counter: "counter", FunctionCounter: "counter", Gauge: "gauge", TimeGauge: "gauge", Timer: "timer",
          LongTaskTimer: "timer", DistributionSummary: "summary" }[m[1]]);
      }
      for (const m of text.matchAll(/\.(counter|gauge|timer|summary)\(\s*"(kommunalmarkt_\w+)"/g)) kinds.set(m[2], m[1]);
      for (const m of text.matchAll(/"(kommunalmarkt_\w+)"/g)) if (!kinds.has(m[1])) kinds.set(m[1], "unknown");
      for (const [name, kind] of kinds) for (const suffix of PROMETHEUS_SUFFIXES[kind]) names.add(name + suffix);
    }
  }
  return names;
}

/** Class-level @Path("/api/...") of a service's JAX-RS resources, up to the first template ({id}). */
function readApiPaths(javaDir) {
  const paths = new Set();
  for (const f of listFiles(javaDir, (p) => p.endsWith(".java"))) {
    for (const m of readFileSync(f, "utf8").matchAll(/^@Path\("(\/api\/[^"{]+)/gm)) paths.add(m[1].replace(/\/$/, ""));
  }
  return [...paths].sort();
}

/** Secrets and ConfigMaps that README.md tells the user to create, from its kubectl commands. */
function readUserCreated(readme) {
  const made = new Map(); // "Secret/name" | "ConfigMap/name" -> { keys: Map(key -> literal or null), type }
  if (!existsSync(readme)) return made;
  for (const line of readFileSync(readme, "utf8").replace(/\\\n\s*/g, " ").split("\n")) {
    const m = /kubectl\b.*?\bcreate\s+(secret\s+(generic|tls)|configmap)\s+([a-z0-9][a-z0-9.-]*)(.*)$/.exec(line);
    if (!m) continue;
    const keys = new Map();
    if (m[2] === "tls") { keys.set("tls.crt", null); keys.set("tls.key", null); }
    for (const lit of m[4].matchAll(/--from-literal[= ]([A-Za-z0-9_.-]+)=("[^"]*"|'[^']*'|\S*)/g)) {
      const v = lit[2].replace(/^["']|["']$/g, "");
      keys.set(lit[1], /[$`<]/.test(v) ? null : v);
    }
    for (const f of m[4].matchAll(/--from-file[= ]([A-Za-z0-9_.-]+)=/g)) keys.set(f[1], null);
    made.set(`${m[1].startsWith("secret") ? "Secret" : "ConfigMap"}/${m[3]}`,
      { keys, type: /--type[= ](\S+)/.exec(m[4])?.[1] ?? (m[2] === "tls" ? "kubernetes.io/tls" : "Opaque") });
  }
  return made;
}

// --- the files: what kustomize cannot see -------------------------------------------------------------

/** Every existing file or folder a kustomization.yaml names (resources, patches, generators, ...). */
function collectPaths(node, dir, out) {
  if (typeof node === "string") {
    const p = resolve(dir, node);
    if (!node.includes("\n") && existsSync(p)) out.add(p);
  } else if (node && typeof node === "object") {
    for (const v of Object.values(node)) collectPaths(v, dir, out);
  }
}

function checkFiles(report, k8s) {
  report.section("files");
  const kustomizations = listFiles(k8s, (p) => /\/kustomization\.ya?ml$/.test(p));
  const referenced = new Set();
  const problems = [];
  for (const f of kustomizations) {
    try {
      collectPaths(loadYamlFile(f)[0], dirname(f), referenced);
    } catch (e) {
      problems.push(`${relative(k8s, f)}: ${e.message.split("\n")[0]}`);
    }
  }
  const manifests = listFiles(k8s, (p) => /\.ya?ml$/.test(p) && !/\/kustomization\.ya?ml$/.test(p)
    && /^(base|overlays)\//.test(relative(k8s, p)));
  for (const f of manifests) if (!referenced.has(f)) problems.push(`${relative(k8s, f)} is not listed anywhere`);
  report.check("every manifest under base/ and overlays/ is used by a kustomization", problems);

  // Kustomizations no other one uses are applied on their own: the checker must know what to expect.
  const dirs = kustomizations.map((f) => relative(k8s, dirname(f)));
  report.check(`the kustomizations to apply are ${Object.keys(EXPECTATIONS).join(" and ")}`, [
    ...dirs.filter((d) => !referenced.has(join(k8s, d)) && !EXPECTATIONS[d])
      .map((d) => `${d} is a top-level kustomization the checker has no expectations for (tools/check.mjs EXPECTATIONS)`),
    ...Object.keys(EXPECTATIONS).filter((r) => !dirs.includes(r)).map((r) => `${r}/kustomization.yaml is missing`),
  ]);
  return Object.keys(EXPECTATIONS).filter((r) => dirs.includes(r));
}

/** `kubectl kustomize DIR` -> { objs } or { error }. */
function render(kubectl, dir) {
  return new Promise((done) => {
    execFile(kubectl, ["kustomize", dir], { maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) done({ error: String(stderr || err.message).trim() || `exit code ${err.code}` });
      else {
        try {
          done({ objs: yaml.loadAll(stdout).filter(Boolean) });
        } catch (e) {
          done({ error: `kubectl's output is no YAML: ${e.message.split("\n")[0]}` });
        }
      }
    });
  });
}

// --- helpers on the rendered objects ----------------------------------------------------------------

const byKind = (objs, kind) => objs.filter((o) => o.kind === kind);
const find = (objs, kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const podSpec = (o) => o.spec?.template?.spec;

function matches(selector, labels) {
  const ml = selector?.matchLabels ?? selector ?? {};
  if (selector?.matchExpressions?.length) return false; // not used here; be strict
  return Object.keys(ml).length > 0 && Object.entries(ml).every(([k, v]) => labels?.[k] === v);
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** "name", "name.ns", "name.ns.svc", "name.ns.svc.cluster.local" -> name (if ns is ours). */
function serviceHost(host) {
  const [name, ns, ...rest] = String(host).split(".");
  if (ns === undefined) return name;
  return ns === NAMESPACE && ["", "svc", "svc.cluster.local"].includes(rest.join(".")) ? name : null;
}

function pgHbaAllows(lines, db, role) {
  for (const line of lines ?? []) {
    const [type, dbs, users, ...rest] = String(line).trim().split(/\s+/);
    if (!["host", "hostssl", "hostnossl"].includes(type)) continue;
    const inList = (list, v) => list.split(",").some((x) => x === "all" || x === v);
    if (inList(dbs, db) && inList(users, role)) return rest[rest.length - 1] !== "reject";
  }
  return true; // the operator's catch-all rule lets it in
}

/** The Services and Secrets the operators create for the custom resources in `objs`. */
function operatorModel(objs) {
  const services = new Map(); // name -> [{ name, port }]
  const secrets = new Map(); // name -> { keys: Set, by, role? }
  for (const c of byKind(objs, "Cluster")) {
    const n = c.metadata.name;
    for (const s of ["rw", "ro", "r"]) services.set(`${n}-${s}`, [{ name: "postgres", port: 5432 }]);
    if (c.spec?.bootstrap?.initdb && !c.spec.bootstrap.initdb.secret) {
      secrets.set(`${n}-app`, { by: `CloudNativePG (Cluster ${n})`, role: c.spec.bootstrap.initdb.owner ?? "app",
        keys: new Set(["username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass", "user"]) });
    }
    if (c.spec?.enableSuperuserAccess) secrets.set(`${n}-superuser`, { by: `CloudNativePG (Cluster ${n})`, keys: new Set(["username", "password"]) });
  }
  for (const k of byKind(objs, "Keycloak")) {
    const ports = [];
    if (k.spec?.http?.httpEnabled) ports.push({ name: "http", port: k.spec.http.httpPort ?? 8080 });
    if (k.spec?.http?.tlsSecret) ports.push({ name: "https", port: k.spec.http.httpsPort ?? 8443 });
    services.set(k.spec?.http?.serviceName ?? `${k.metadata.name}-service`, ports);
    if (!k.spec?.bootstrapAdmin) secrets.set(`${k.metadata.name}-initial-admin`, { by: `the Keycloak operator (Keycloak ${k.metadata.name})`, keys: new Set(["username", "password"]) });
  }
  for (const k of byKind(objs, "Kafka")) {
    services.set(`${k.metadata.name}-kafka-bootstrap`, (k.spec?.kafka?.listeners ?? []).filter((l) => l.type === "internal")
      .map((l) => ({ name: `tcp-${l.name}`, port: l.port })));
    secrets.set(`${k.metadata.name}-cluster-ca-cert`, { by: `Strimzi (Kafka ${k.metadata.name})`, keys: new Set(["ca.crt", "ca.p12", "ca.password"]) });
  }
  for (const u of byKind(objs, "KafkaUser")) {
    if (u.spec?.authentication?.type === "scram-sha-512") {
      secrets.set(u.metadata.name, { by: `Strimzi's user operator (KafkaUser ${u.metadata.name})`, keys: new Set(["password", "sasl.jaas.config"]) });
    }
  }
  return { services, secrets };
}

/** Resolves one (Secret|ConfigMap, name, key?) reference: null if fine, else a problem text. */
function makeResolver(objs, model, userMade) {
  return function resolveRef(kind, name, key) {
    const own = find(objs, kind, name);
    if (own) {
      const data = { ...(own.data ?? {}), ...(own.stringData ?? {}) };
      return key === undefined || Object.hasOwn(data, key) ? null : `${kind} ${name} has no key ${key}`;
    }
    const operator = kind === "Secret" && model.secrets.get(name);
    if (operator) return key === undefined || operator.keys.has(key) ? null : `${name} (created by ${operator.by}) has no key ${key}`;
    const doc = userMade.get(`${kind}/${name}`);
    if (doc) return key === undefined || doc.keys.has(key) ? null : `${kind} ${name} is created by the user (README.md), but README.md's command gives it no key ${key}`;
    return `${kind} ${name} is neither in the manifests, nor created by an operator, nor documented as created by the user in README.md`;
  };
}

/** Every Secret/ConfigMap reference in the rendered objects: [{ kind, name, key?, optional, from }]. */
function collectRefs(objs) {
  const refs = [];
  const add = (kind, name, key, from, optional = false) => refs.push({ kind, name, key, from, optional });
  for (const o of objs) {
    const id = `${o.kind}/${o.metadata.name}`;
    const spec = podSpec(o);
    for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef) add("ConfigMap", e.configMapRef.name, undefined, `${id} envFrom`, !!e.configMapRef.optional);
        if (e.secretRef) add("Secret", e.secretRef.name, undefined, `${id} envFrom`, !!e.secretRef.optional);
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        const s = e.valueFrom?.secretKeyRef;
        if (cm) add("ConfigMap", cm.name, cm.key, `${id} env ${e.name}`, !!cm.optional);
        if (s) add("Secret", s.name, s.key, `${id} env ${e.name}`, !!s.optional);
      }
    }
    for (const v of spec?.volumes ?? []) {
      if (v.configMap) add("ConfigMap", v.configMap.name, undefined, `${id} volume ${v.name}`, !!v.configMap.optional);
      if (v.secret) add("Secret", v.secret.secretName, undefined, `${id} volume ${v.name}`, !!v.secret.optional);
    }
    if (o.kind === "Ingress") for (const t of o.spec?.tls ?? []) if (t.secretName) add("Secret", t.secretName, "tls.crt", `${id} tls`);
    if (o.kind === "Keycloak") {
      for (const f of ["usernameSecret", "passwordSecret"]) if (o.spec?.db?.[f]) add("Secret", o.spec.db[f].name, o.spec.db[f].key, `${id} db.${f}`);
      if (o.spec?.http?.tlsSecret) add("Secret", o.spec.http.tlsSecret, "tls.crt", `${id} http.tlsSecret`);
    }
    if (o.kind === "KeycloakRealmImport") {
      for (const [p, v] of Object.entries(o.spec?.placeholders ?? {})) add("Secret", v?.secret?.name, v?.secret?.key, `${id} placeholder ${p}`);
    }
    if (o.kind === "Cluster") {
      for (const r of o.spec?.managed?.roles ?? []) {
        if (r.passwordSecret) for (const key of ["username", "password"]) add("Secret", r.passwordSecret.name, key, `${id} role ${r.name}`);
      }
    }
  }
  return refs;
}

/** Effective environment of a container: VAR -> { from, value?, secret?: {name, key} }. */
function containerEnv(objs, c, userMade, problems) {
  const env = new Map();
  for (const e of c.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    const kind = e.configMapRef ? "ConfigMap" : "Secret";
    const own = find(objs, kind, ref?.name);
    const keys = own ? Object.entries(own.data ?? {}) : [...(userMade.get(`${kind}/${ref?.name}`)?.keys ?? new Map())];
    for (const [k, v] of keys) {
      if (env.has(k)) problems.push(`${k} is set twice (${env.get(k).from} and ${kind} ${ref.name})`);
      env.set(k, kind === "Secret" ? { from: `Secret ${ref.name}`, secret: { name: ref.name, key: k } } : { from: `ConfigMap ${ref.name}`, value: v });
    }
  }
  for (const e of c.env ?? []) {
    if (env.has(e.name)) problems.push(`${e.name} is set in env and in ${env.get(e.name).from}`);
    if (e.valueFrom?.secretKeyRef) env.set(e.name, { from: "env", secret: e.valueFrom.secretKeyRef });
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      env.set(e.name, { from: "env", value: find(objs, "ConfigMap", r.name)?.data?.[r.key] });
    } else env.set(e.name, { from: "env", value: e.value });
  }
  return env;
}

const envName = (property) => property.replace(/^%[^.]+\./, "").toUpperCase().replace(/[^A-Z0-9]/g, "_");

// --- the checks on one rendered kustomization --------------------------------------------------------

async function checkRender(report, root, objs, facts, userMade, expect) {
  const model = operatorModel(objs);
  const resolveRef = makeResolver(objs, model, userMade);

  const general = [];
  for (const o of objs) {
    if (o.kind !== "Namespace" && o.metadata.namespace !== NAMESPACE) general.push(`${o.kind}/${o.metadata.name} is not in namespace ${NAMESPACE}`);
    if (CR_API[o.kind] && o.apiVersion !== CR_API[o.kind]) general.push(`${o.kind}/${o.metadata.name}: apiVersion ${o.apiVersion}, expected ${CR_API[o.kind]} (the operator versions of README.md)`);
  }
  if (!find(objs, "Namespace", NAMESPACE)) general.push(`no Namespace ${NAMESPACE}`);
  report.check(`${root}: all ${objs.length} objects in namespace ${NAMESPACE}, the operators' resources in the apiVersions README.md names`, general);

  const schema = [];
  let builtIns = 0;
  for (const o of objs.filter(isBuiltIn)) {
    builtIns++;
    for (const p of await validateBuiltIn(o)) schema.push(`${o.kind}/${o.metadata.name}: ${p}`);
  }
  report.check(`${root}: ${builtIns} built-in objects match the Kubernetes API schema (kubernetes-models, unknown fields included)`, schema);

  for (const svc of SERVICES) checkService(report, root, objs, svc, facts, userMade, model, resolveRef, expect);
  checkWeb(report, root, objs, facts, userMade, resolveRef, expect);
  checkMonitoring(report, root, objs, facts);

  const refProblems = [];
  const refs = collectRefs(objs).filter((r) => !r.optional);
  for (const r of refs) {
    const p = r.name ? resolveRef(r.kind, r.name, r.key) : "reference without a name";
    if (p) refProblems.push(`${r.from}: ${p}`);
  }
  report.check(`${root}: ${refs.length} Secret/ConfigMap references resolve (manifests, operator-generated, or user-created per README.md)`, refProblems);

  checkKafka(report, root, objs, facts);
  checkKafkaAccess(report, root, objs, facts);
  checkPostgres(report, root, objs, userMade);
  checkKeycloak(report, root, objs, expect);
  checkIngress(report, root, objs, model, facts, expect);
}

/**
 * One of our Deployments (a service or web): replicas, the image docker-compose.yml builds, the http
 * port of application.properties, the probes, the metrics annotations, the Services selecting it.
 * Returns { d, c, http, dp } (dp: the problems), or null when there is no such Deployment.
 */
function checkWorkload(objs, name, f, expect, replicas, root, metrics) {
  const d = find(objs, "Deployment", name);
  if (!d) return null;
  const spec = podSpec(d) ?? {};
  const labels = d.spec?.template?.metadata?.labels;
  const c = (spec.containers ?? []).find((x) => x.name === name) ?? spec.containers?.[0] ?? {};
  const ports = c.ports ?? [];
  const http = ports.find((p) => p.name === "http");
  const portOf = (ref) => ports.find((p) => (typeof ref === "number" ? p.containerPort === ref : p.name === ref));

  const dp = [];
  if (d.spec?.replicas !== replicas) dp.push(`replicas ${d.spec?.replicas}, expected ${replicas} in ${root}`);
  // The image docker-compose.yml builds: as it is in base, from a registry (or by digest) in an overlay.
  const [repo, tag] = String(c.image).split(/:(?=[^/:]+$)/);
  const [composeRepo, composeTag] = String(f.image).split(":");
  const sameImage = (repo === composeRepo || repo?.endsWith(`/${composeRepo}`)) && (tag === composeTag || String(c.image).includes("@sha256:"));
  if (expect.exactImage ? c.image !== f.image : !sameImage) dp.push(`image ${c.image} is not ${f.image} (docker-compose.yml)`);
  if (!http) dp.push('no container port named "http"');
  else if (http.containerPort !== f.httpPort) dp.push(`container port ${http.containerPort}, but the service listens on ${f.httpPort} (application.properties)`);
  const probes = { startupProbe: ["/q/health/started", "/q/health/live"], livenessProbe: ["/q/health/live"], readinessProbe: ["/q/health/ready"] };
  for (const [probe, paths] of Object.entries(probes)) {
    const h = c[probe]?.httpGet;
    if (!h) dp.push(`no ${probe} with httpGet`);
    else if (!paths.includes(h.path)) dp.push(`${probe} path ${h.path}, expected ${paths.join(" or ")}`);
    else if (portOf(h.port) !== http) dp.push(`${probe} port ${h.port} is not the container's http port`);
  }
  const ann = d.spec?.template?.metadata?.annotations ?? {};
  if (metrics && (ann["prometheus.io/path"] !== "/q/metrics" || String(ann["prometheus.io/port"]) !== String(http?.containerPort))) {
    dp.push(`pod annotations prometheus.io/path ${ann["prometheus.io/path"]} and prometheus.io/port ${ann["prometheus.io/port"]} are not /q/metrics on the http port ${http?.containerPort}`);
  }
  if (!metrics && Object.keys(ann).some((k) => k.startsWith("prometheus.io/"))) dp.push(`pod annotations ${Object.keys(ann).filter((k) => k.startsWith("prometheus.io/")).join(", ")}, but ${name} serves no /q/metrics (no Micrometer in its pom.xml)`);
  const selecting = byKind(objs, "Service").filter((s) => matches(s.spec?.selector, labels));
  if (selecting.length === 0) dp.push("no Service selects its pods");
  for (const s of selecting) {
    for (const p of s.spec?.ports ?? []) if (!portOf(p.targetPort ?? p.port)) dp.push(`Service ${s.metadata.name} port ${p.port}: targetPort ${p.targetPort} is not a container port of ${name}`);
  }
  return { d, c, http, dp, labels };
}

/** The container's environment against docker-compose.yml and application.properties: { env, ep }. */
function checkWorkloadEnv(objs, name, f, c, http, userMade, resolveRef, settings) {
  const ep = [];
  const env = containerEnv(objs, c, userMade, ep);
  for (const v of Object.keys(f.composeEnv)) if (!env.has(v)) ep.push(`${v} is not set (docker-compose.yml sets it)`);
  for (const v of env.keys()) {
    if (!FRAMEWORK_ENV.test(v) && !settings.has(v)) ep.push(`${v} is no property of ${name}'s application.properties (a renamed or misspelt setting?)`);
  }
  for (const [v, e] of env) {
    const p = e.secret && resolveRef("Secret", e.secret.name, e.secret.key);
    if (p) ep.push(`${v}: ${p}`);
  }
  const value = (n) => env.get(n)?.value;
  if (Number(value("QUARKUS_HTTP_PORT")) !== http?.containerPort) ep.push(`QUARKUS_HTTP_PORT ${value("QUARKUS_HTTP_PORT")} is not the container port ${http?.containerPort}`);
  return { env, ep };
}

function checkService(report, root, objs, svc, facts, userMade, model, resolveRef, expect) {
  const f = facts.services[svc];
  const w = checkWorkload(objs, svc, f, expect, expect.replicas, root, true);
  if (!w) {
    report.check(`${root}: ${svc}`, [`no Deployment ${svc}`]);
    return;
  }
  const { d, c, http, dp } = w;
  report.check(`${root}: ${svc}: ${expect.replicas} replicas, image, http port of application.properties, probes on /q/health, Service targetPorts`, dp);

  // Environment
  const { env, ep } = checkWorkloadEnv(objs, svc, f, c, http, userMade, resolveRef, new Set(Object.keys(f.props).map(envName)));
  checkDatabaseEnv(objs, svc, f, env, userMade, model, ep);
  checkKafkaEnv(objs, svc, env, ep);
  checkOidcEnv(objs, f, env, ep);
  if (expect.publicHosts && svc === "billing-service") {
    // The seller's properties hold sample data: in production every one comes from the environment.
    for (const p of Object.keys(f.props).filter((k) => k.startsWith("billing.seller."))) {
      if (!env.has(envName(p))) ep.push(`${envName(p)} (${p}, sample data in application.properties) is not set`);
    }
  }
  report.check(`${root}: ${svc} environment: every variable of docker-compose.yml, each a property of application.properties, each pointing at the right thing`, ep);

  // Scaling against partitions
  const consumed = Object.values(f.incoming).map((i) => i.topic).filter(Boolean);
  if (consumed.length) {
    const topics = byKind(objs, "KafkaTopic");
    const min = Math.min(...consumed.map((t) => topics.find((k) => (k.spec?.topicName ?? k.metadata.name) === t)?.spec?.partitions ?? Infinity));
    report.check(`${root}: ${svc} replicas (${d.spec?.replicas}) <= partitions of the topics it consumes`,
      d.spec?.replicas > min ? [`${d.spec?.replicas} replicas but only ${min} partitions: the extra consumers would idle`] : []);
  }
}

/**
 * The web front end: its Deployment like a service's (but no metrics), a PodDisruptionBudget; no
 * database, Kafka or mail settings; WEB_<SERVICE>_URL at each service's Service and port; the
 * session secret from a Secret; the realm's public client, whose redirect URIs cover the host the
 * Ingress serves web on; the forwarded headers of the Ingress's TLS honoured.
 */
function checkWeb(report, root, objs, facts, userMade, resolveRef, expect) {
  const f = facts.web;
  const w = checkWorkload(objs, WEB, f, expect, expect.webReplicas, root, f.metrics);
  if (!w) {
    report.check(`${root}: ${WEB}`, [`no Deployment ${WEB}`]);
    return;
  }
  const { d, c, http, dp, labels } = w;
  const pdbs = byKind(objs, "PodDisruptionBudget").filter((p) => matches(p.spec?.selector, labels));
  if (pdbs.length !== 1) dp.push(`${pdbs.length} PodDisruptionBudgets select its pods, expected 1`);
  for (const p of pdbs) {
    if (!(Number(p.spec?.minAvailable) < Number(d.spec?.replicas))) dp.push(`PodDisruptionBudget ${p.metadata.name}: minAvailable ${p.spec?.minAvailable} with ${d.spec?.replicas} replicas blocks every drain`);
  }
  report.check(`${root}: ${WEB}: ${expect.webReplicas} replicas, image, http port of application.properties, probes on /q/health, Service targetPorts, a PodDisruptionBudget`, dp);

  const { env, ep } = checkWorkloadEnv(objs, WEB, f, c, http, userMade, resolveRef, f.settings);
  const value = (n) => env.get(n)?.value;
  for (const v of env.keys()) {
    if (/^(QUARKUS_DATASOURCE_|KAFKA_|QUARKUS_MAILER_)/.test(v)) ep.push(`${v} is set, but ${WEB} has no database, no Kafka and sends no mail`);
  }
  for (const svc of SERVICES) {
    const v = `WEB_${svc.replace(/-service$/, "").toUpperCase()}_URL`;
    const m = /^http:\/\/([^:/]+):(\d+)\/?$/.exec(value(v) ?? "");
    if (!m) { ep.push(`${v} ${value(v)} is not http://<Service>:<port> of ${svc}`); continue; }
    const service = find(objs, "Service", serviceHost(m[1]));
    if (serviceHost(m[1]) !== svc || !service) ep.push(`${v} ${value(v)} does not name the Service ${svc}`);
    else if (!(service.spec?.ports ?? []).some((p) => p.port === Number(m[2]))) ep.push(`${v} ${value(v)}: Service ${svc} has no port ${m[2]}`);
  }
  const secret = env.get("WEB_SESSION_SECRET");
  if (!secret?.secret) ep.push("WEB_SESSION_SECRET does not come from a Secret (it must be secret, and the same for every replica)");
  // TLS ends at the Ingress: the redirect URI web sends to Keycloak must say https.
  const forwarded = value("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING") === "true" && value("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED") === "true";
  if (!forwarded && value("QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME") !== "true") {
    ep.push("behind the Ingress's TLS web would send Keycloak an http:// redirect URI: set QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING and QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED to true (or QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME)");
  }
  const client = checkOidcEnv(objs, f, env, ep, true);
  // The hosts an Ingress serves web's pages on (path /) must be redirect URIs of the client, also after log-out.
  const hosts = byKind(objs, "Ingress").flatMap((i) => (i.spec?.rules ?? [])
    .filter((r) => (r.http?.paths ?? []).some((p) => p.path === "/" && p.pathType === "Prefix" && p.backend?.service?.name === WEB))
    .map((r) => r.host));
  if (client) {
    const redirects = client.redirectUris ?? [];
    const postLogout = String(client.attributes?.["post.logout.redirect.uris"] ?? "");
    const logoutPatterns = postLogout === "" || postLogout === "+" ? redirects : postLogout.split("##").flatMap((u) => (u === "+" ? redirects : [u]));
    for (const h of hosts) {
      const url = `https://${h}/`;
      if (!redirects.some((r) => redirectMatches(r, url))) ep.push(`${url} (Ingress host of ${WEB}) is no redirect URI of client ${client.clientId} (${redirects.join(", ") || "none"})`);
      if (postLogout === "-" || !logoutPatterns.some((r) => redirectMatches(r, url))) ep.push(`${url} is no post-logout redirect URI of client ${client.clientId} (post.logout.redirect.uris ${postLogout || "(unset)"})`);
    }
  }
  report.check(`${root}: ${WEB} environment: every variable of docker-compose.yml, each a setting of application.properties; the services' Services, the session secret from a Secret, the realm's public client with its Ingress host as redirect URI`, ep);
}

/** Keycloak's redirect URI matching: a pattern ending in * is a prefix, any other must be equal. */
function redirectMatches(pattern, url) {
  const p = String(pattern);
  if (p.endsWith("*")) return url.startsWith(p.slice(0, -1));
  return url.replace(/\/$/, "") === p.replace(/\/$/, "");
}

function checkDatabaseEnv(objs, svc, f, env, userMade, model, problems) {
  const url = env.get("QUARKUS_DATASOURCE_JDBC_URL")?.value;
  const m = /^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/.exec(url ?? "");
  if (!m) { problems.push(`QUARKUS_DATASOURCE_JDBC_URL ${url} is not a PostgreSQL JDBC URL`); return; }
  const [, host, port, db] = m;
  const cluster = byKind(objs, "Cluster").find((c) => serviceHost(host) === `${c.metadata.name}-rw`);
  if (!cluster) problems.push(`QUARKUS_DATASOURCE_JDBC_URL host ${host} is not the -rw Service of a CloudNativePG Cluster`);
  if (port && port !== "5432") problems.push(`QUARKUS_DATASOURCE_JDBC_URL port ${port} is not 5432`);
  if (db !== f.database) problems.push(`QUARKUS_DATASOURCE_JDBC_URL database ${db}, but docker-compose.yml gives ${svc} the database ${f.database}`);
  const user = env.get("QUARKUS_DATASOURCE_USERNAME")?.secret;
  const pass = env.get("QUARKUS_DATASOURCE_PASSWORD")?.secret;
  if (!user || !pass) { problems.push("QUARKUS_DATASOURCE_USERNAME/PASSWORD do not come from a Secret"); return; }
  if (user.name !== pass.name || user.key !== "username" || pass.key !== "password") {
    problems.push(`QUARKUS_DATASOURCE_USERNAME/PASSWORD should be the keys username/password of one secret (got ${user.name}/${user.key}, ${pass.name}/${pass.key})`);
  }
  // The role that secret logs in as: the owner of CloudNativePG's -app secret, or a managed role.
  const managed = cluster?.spec?.managed?.roles?.find((r) => r.passwordSecret?.name === user.name);
  const role = model.secrets.get(user.name)?.role ?? managed?.name;
  if (!role) { problems.push(`secret ${user.name} is neither a CloudNativePG -app secret nor the passwordSecret of a managed role`); return; }
  const documented = userMade.get(`Secret/${user.name}`)?.keys?.get("username");
  if (documented && documented !== role) problems.push(`README.md creates ${user.name} with username ${documented}, but the managed role is ${role}`);
  const database = byKind(objs, "Database").find((x) => x.spec?.name === db && x.spec?.cluster?.name === cluster?.metadata.name);
  if (!database) problems.push(`no CloudNativePG Database ${db} in cluster ${cluster?.metadata.name}`);
  else if (database.spec.owner !== role) problems.push(`database ${db} is owned by ${database.spec.owner}, but ${svc} logs in as ${role}`);
  if (cluster && !pgHbaAllows(cluster.spec?.postgresql?.pg_hba, db, role)) problems.push(`pg_hba of ${cluster.metadata.name} rejects role ${role} on database ${db}`);
}

function checkKafkaEnv(objs, svc, env, problems) {
  const servers = env.get("KAFKA_BOOTSTRAP_SERVERS")?.value;
  const ok = String(servers ?? "").split(",").every((hp) => {
    const [host, port] = hp.split(":");
    return byKind(objs, "Kafka").some((k) => serviceHost(host) === `${k.metadata.name}-kafka-bootstrap`
      && (k.spec?.kafka?.listeners ?? []).some((l) => l.type === "internal" && l.tls === false && String(l.port) === port
        && l.authentication?.type === "scram-sha-512"));
  });
  if (!servers || !ok) problems.push(`KAFKA_BOOTSTRAP_SERVERS ${servers} is not <kafka>-kafka-bootstrap:<port> of an internal SCRAM-SHA-512 listener without TLS`);
  if (env.get("KAFKA_SECURITY_PROTOCOL")?.value !== "SASL_PLAINTEXT") problems.push(`KAFKA_SECURITY_PROTOCOL ${env.get("KAFKA_SECURITY_PROTOCOL")?.value}, the listener wants SASL_PLAINTEXT`);
  if (env.get("KAFKA_SASL_MECHANISM")?.value !== "SCRAM-SHA-512") problems.push(`KAFKA_SASL_MECHANISM ${env.get("KAFKA_SASL_MECHANISM")?.value}, the listener wants SCRAM-SHA-512`);
  const jaas = env.get("KAFKA_SASL_JAAS_CONFIG")?.secret;
  if (!jaas || jaas.name !== svc || jaas.key !== "sasl.jaas.config") {
    problems.push(`KAFKA_SASL_JAAS_CONFIG does not come from key sasl.jaas.config of the Secret of KafkaUser ${svc} (got ${jaas ? `${jaas.name}/${jaas.key}` : "no Secret"})`);
  }
}

/**
 * Who may do what on the broker: every listener authenticates, none outside the cluster is plaintext,
 * the simple authorizer runs, each service has its KafkaUser writing only its own topics, each
 * operator's KafkaUser only reads under operators.<id>.
 */
function checkKafkaAccess(report, root, objs, facts) {
  const problems = [];
  const kafka = byKind(objs, "Kafka")[0];
  for (const l of kafka?.spec?.kafka?.listeners ?? []) {
    if (!l.authentication) problems.push(`listener ${l.name} takes clients without authentication`);
    if (l.type !== "internal" && l.tls !== true) problems.push(`listener ${l.name} (${l.type}) is reachable from outside the cluster without TLS`);
    if (l.type === "internal" && l.tls !== true && !(l.networkPolicyPeers ?? []).length) problems.push(`plaintext listener ${l.name} admits every pod (no networkPolicyPeers)`);
  }
  if (kafka?.spec?.kafka?.authorization?.type !== "simple") problems.push("the Kafka cluster has no authorization (type: simple)");
  if (!kafka?.spec?.entityOperator?.userOperator) problems.push("no user operator (entityOperator.userOperator) to create the KafkaUsers");
  const users = byKind(objs, "KafkaUser");
  const writes = (u) => (u.spec?.authorization?.acls ?? []).filter((a) => a.resource?.type === "topic"
    && (a.operations ?? []).some((o) => ["Write", "All", "Create"].includes(o)));
  const produced = { "catalog-service": ["catalog."], "licensing-service": ["licensing.", "operators."], "billing-service": ["billing."] };
  for (const svc of SERVICES) {
    const u = users.find((x) => x.metadata.name === svc);
    if (!u) { problems.push(`no KafkaUser ${svc}`); continue; }
    if (u.spec?.authentication?.type !== "scram-sha-512") problems.push(`KafkaUser ${svc} does not authenticate with scram-sha-512`);
    if (u.spec?.authorization?.type !== "simple") problems.push(`KafkaUser ${svc} has no simple authorization`);
    const consumedDlqs = Object.values(facts.services[svc].incoming).map((i) => i["dead-letter-queue.topic"]).filter(Boolean);
    for (const a of writes(u)) {
      const t = a.resource.name;
      const own = produced[svc].some((p) => t.startsWith(p)) && !t.endsWith(".dlq");
      if (!own && !consumedDlqs.includes(t)) problems.push(`KafkaUser ${svc} may write ${t}, which is neither its own topic nor the .dlq of one it consumes`);
      if (a.resource.patternType === "prefix" && t !== "operators.") problems.push(`KafkaUser ${svc} writes by prefix ${t}`);
    }
    for (const [ch, i] of Object.entries(facts.services[svc].incoming)) {
      const reads = (u.spec?.authorization?.acls ?? []).some((a) => a.resource?.type === "topic" && a.resource.name === i.topic && (a.operations ?? []).includes("Read"));
      if (!reads) problems.push(`KafkaUser ${svc} may not read ${i.topic}, which its channel ${ch} consumes`);
      const group = (u.spec?.authorization?.acls ?? []).some((a) => a.resource?.type === "group"
        && (a.resource.patternType === "prefix" ? String(i["group.id"]).startsWith(a.resource.name) : a.resource.name === i["group.id"]));
      if (i["group.id"] && !group) problems.push(`KafkaUser ${svc} may not use its consumer group ${i["group.id"]}`);
    }
  }
  // A service's groups by prefix are named by its own principal, so one service can never join another's.
  for (const svc of SERVICES) {
    const u = users.find((x) => x.metadata.name === svc);
    for (const a of (u?.spec?.authorization?.acls ?? []).filter((x) => x.resource?.type === "group" && x.resource.patternType === "prefix")) {
      if (a.resource.name !== svc) problems.push(`KafkaUser ${svc} may use the consumer groups under ${a.resource.name}, not only its own (${svc}…)`);
    }
  }
  for (const u of users.filter((x) => x.metadata.name.startsWith("operator-"))) {
    const prefix = `operators.${u.metadata.name.slice("operator-".length)}.`;
    for (const a of u.spec?.authorization?.acls ?? []) {
      if (a.resource?.name !== prefix || a.resource?.patternType !== "prefix") problems.push(`KafkaUser ${u.metadata.name} has an ACL on ${a.resource?.type} ${a.resource?.name} (${a.resource?.patternType}), not on the prefix ${prefix}`);
      if ((a.operations ?? []).some((o) => !["Read", "Describe"].includes(o))) problems.push(`KafkaUser ${u.metadata.name} may ${a.operations.join(", ")} on ${a.resource?.name}: an operator only reads`);
    }
  }
  report.check(`${root}: Kafka access: authenticated listeners (TLS outside the cluster), simple authorization, a KafkaUser per service writing only its own topics, operators reading only their own prefix`, problems);
}

/** The OIDC settings: Keycloak's Service, the realm, the issuer, the client. Returns the realm's client. */
function checkOidcEnv(objs, f, env, problems, browser = false) {
  const kc = byKind(objs, "Keycloak")[0];
  const imp = byKind(objs, "KeycloakRealmImport")[0];
  const realm = imp?.spec?.realm;
  if (!kc || !realm) { problems.push("no Keycloak / KeycloakRealmImport to check the OIDC settings against"); return; }
  const serviceName = kc.spec?.http?.serviceName ?? `${kc.metadata.name}-service`;
  const auth = env.get("QUARKUS_OIDC_AUTH_SERVER_URL")?.value;
  const a = /^(https?):\/\/([^:/]+)(?::(\d+))?\/realms\/([^/]+)\/?$/.exec(auth ?? "");
  if (!a) problems.push(`QUARKUS_OIDC_AUTH_SERVER_URL ${auth} is not <url>/realms/<realm>`);
  else {
    const [, scheme, host, port, realmName] = a;
    const portOk = scheme === "http" ? kc.spec?.http?.httpEnabled && Number(port ?? 80) === (kc.spec.http.httpPort ?? 8080)
      : kc.spec?.http?.tlsSecret && Number(port ?? 443) === (kc.spec.http.httpsPort ?? 8443);
    if (serviceHost(host) !== serviceName || !portOk) problems.push(`QUARKUS_OIDC_AUTH_SERVER_URL ${auth} does not reach the Keycloak Service ${serviceName} on its ${scheme} port`);
    if (realmName !== realm.realm) problems.push(`QUARKUS_OIDC_AUTH_SERVER_URL names realm ${realmName}, the realm import is ${realm.realm}`);
  }
  const issuer = env.get("QUARKUS_OIDC_TOKEN_ISSUER")?.value;
  const expected = `${String(kc.spec?.hostname?.hostname ?? "").replace(/\/$/, "")}/realms/${realm.realm}`;
  if (issuer !== expected) problems.push(`QUARKUS_OIDC_TOKEN_ISSUER ${issuer}, but Keycloak's hostname makes the issuer ${expected}`);
  const clientId = env.get("QUARKUS_OIDC_CLIENT_ID")?.value;
  if (clientId !== f.clientId) problems.push(`QUARKUS_OIDC_CLIENT_ID ${clientId}, application.properties says ${f.clientId}`);
  const client = (realm.clients ?? []).find((x) => x.clientId === clientId);
  if (!client) { problems.push(`the realm has no client ${clientId}`); return; }
  if (browser) {
    // A browser front end: the authorization code flow with PKCE on a public client, no secret.
    if (!client.publicClient) problems.push(`client ${clientId} is not a public client`);
    if (client.standardFlowEnabled === false) problems.push(`client ${clientId} has the authorization code flow off`);
    if (client.attributes?.["pkce.code.challenge.method"] !== "S256") problems.push(`client ${clientId} does not enforce PKCE with S256`);
    if (env.has("QUARKUS_OIDC_CREDENTIALS_SECRET")) problems.push(`QUARKUS_OIDC_CREDENTIALS_SECRET is set, but ${clientId} is a public client`);
    return client;
  }
  if (client.publicClient || !client.serviceAccountsEnabled) problems.push(`client ${clientId} is not a confidential client with a service account`);
  const ph = /^\$\{(\w+)\}$/.exec(client.secret ?? "")?.[1];
  const phSecret = ph && imp.spec?.placeholders?.[ph]?.secret;
  const mine = env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")?.secret;
  if (!mine) problems.push("QUARKUS_OIDC_CREDENTIALS_SECRET does not come from a Secret");
  else if (!phSecret || phSecret.name !== mine.name || phSecret.key !== mine.key) {
    problems.push(`QUARKUS_OIDC_CREDENTIALS_SECRET is ${mine.name}/${mine.key}, but Keycloak gets client ${clientId}'s secret from ${phSecret ? `${phSecret.name}/${phSecret.key}` : "nowhere (no placeholder)"}`);
  }  return client;
}

function checkKafka(report, root, objs, facts) {
  const problems = [];
  const kafka = byKind(objs, "Kafka")[0];
  const name = kafka?.metadata.name;
  if (byKind(objs, "Kafka").length !== 1) problems.push(`${byKind(objs, "Kafka").length} Kafka resources, expected 1`);
  const pools = byKind(objs, "KafkaNodePool");
  for (const p of pools) if (p.metadata.labels?.["strimzi.io/cluster"] !== name) problems.push(`KafkaNodePool ${p.metadata.name} is not labelled strimzi.io/cluster: ${name}`);
  const count = (role) => pools.filter((p) => (p.spec?.roles ?? []).includes(role)).reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
  const brokers = count("broker");
  if (brokers < TOPIC_REPLICAS) problems.push(`${brokers} brokers, but the topics want ${TOPIC_REPLICAS} replicas`);
  if (String(kafka?.spec?.kafka?.config?.["auto.create.topics.enable"]) !== "false") problems.push("auto.create.topics.enable is not false (the KafkaTopics are the topics)");
  for (const l of kafka?.spec?.kafka?.listeners ?? []) {
    for (const peer of l.networkPolicyPeers ?? []) {
      for (const svc of SERVICES) {
        const d = find(objs, "Deployment", svc);
        if (d && peer.podSelector && !matches(peer.podSelector, d.spec?.template?.metadata?.labels)) problems.push(`listener ${l.name}'s networkPolicyPeers do not admit ${svc}'s pods`);
      }
    }
  }
  const topics = byKind(objs, "KafkaTopic");
  const names = topics.map((t) => t.spec?.topicName ?? t.metadata.name);
  const missing = EXPECTED_TOPICS.filter((t) => !names.includes(t));
  const unexpected = names.filter((t) => !EXPECTED_TOPICS.includes(t));
  if (missing.length) problems.push(`missing topics: ${missing.join(", ")}`);
  if (unexpected.length) problems.push(`unexpected topics: ${unexpected.join(", ")}`);
  for (const t of topics) {
    const n = t.spec?.topicName ?? t.metadata.name;
    if (t.metadata.labels?.["strimzi.io/cluster"] !== name) problems.push(`${n}: not labelled strimzi.io/cluster: ${name}`);
    if (t.spec?.partitions !== PARTITIONS) problems.push(`${n}: ${t.spec?.partitions} partitions, expected ${PARTITIONS}`);
    if (t.spec?.replicas !== TOPIC_REPLICAS) problems.push(`${n}: ${t.spec?.replicas} replicas, expected ${TOPIC_REPLICAS}`);
    if (String(t.spec?.config?.["min.insync.replicas"]) !== String(MIN_ISR)) problems.push(`${n}: min.insync.replicas ${t.spec?.config?.["min.insync.replicas"]}, expected ${MIN_ISR}`);
  }
  for (const svc of SERVICES) {
    for (const [ch, i] of Object.entries(facts.services[svc].incoming)) {
      for (const t of [i.topic, i["dead-letter-queue.topic"]].filter(Boolean)) {
        if (!names.includes(t)) problems.push(`${svc} channel ${ch} uses topic ${t}, which has no KafkaTopic (auto-creation is off)`);
      }
    }
  }
  for (const t of (facts.contractTopics ?? []).flatMap((x) => [x, `${x}.dlq`])) if (!names.includes(t)) problems.push(`event-contracts Topics.java has ${t}, which has no KafkaTopic`);
  for (const t of facts.asyncapiTopics ?? []) if (!names.includes(t)) problems.push(`asyncapi.yaml has channel ${t}, which has no KafkaTopic`);
  if (!facts.contractTopics) problems.push("event-contracts Topics.java not found");
  report.check(`${root}: Kafka: the ${EXPECTED_TOPICS.length} KafkaTopics (${PARTITIONS} partitions, ${TOPIC_REPLICAS} replicas, min ISR ${MIN_ISR}) cover every topic of application.properties, Topics.java and asyncapi.yaml`, problems);
}

function checkPostgres(report, root, objs, userMade) {
  const problems = [];
  const clusters = byKind(objs, "Cluster");
  const roles = new Set();
  for (const c of clusters) {
    if (c.spec?.bootstrap?.initdb?.owner) roles.add(c.spec.bootstrap.initdb.owner);
    for (const r of c.spec?.managed?.roles ?? []) {
      roles.add(r.name);
      if (r.login && !r.passwordSecret) problems.push(`role ${r.name} logs in but has no passwordSecret`);
      const doc = r.passwordSecret && userMade.get(`Secret/${r.passwordSecret.name}`);
      if (doc && doc.type !== "kubernetes.io/basic-auth") problems.push(`README.md creates ${r.passwordSecret.name} without --type=kubernetes.io/basic-auth (CloudNativePG needs it)`);
      if (doc?.keys.get("username") && doc.keys.get("username") !== r.name) problems.push(`README.md creates ${r.passwordSecret.name} with username ${doc.keys.get("username")}, the role is ${r.name}`);
    }
  }
  const dbs = byKind(objs, "Database");
  for (const d of dbs) {
    if (!find(objs, "Cluster", d.spec?.cluster?.name)) problems.push(`Database ${d.metadata.name}: no Cluster ${d.spec?.cluster?.name}`);
    if (!roles.has(d.spec?.owner)) problems.push(`Database ${d.metadata.name}: owner ${d.spec?.owner} is not a role of the cluster`);
    if (d.spec?.databaseReclaimPolicy === "delete") problems.push(`Database ${d.metadata.name}: databaseReclaimPolicy delete would drop the data with the resource`);
  }
  report.check(`${root}: PostgreSQL: Databases owned by declared roles, role secrets as CloudNativePG wants them`, problems);
}

function checkKeycloak(report, root, objs, expect) {
  const problems = [];
  const kc = byKind(objs, "Keycloak")[0];
  const imp = byKind(objs, "KeycloakRealmImport")[0];
  if (!kc || !imp) problems.push("no Keycloak and KeycloakRealmImport");
  if (kc && imp && imp.spec?.keycloakCRName !== kc.metadata.name) problems.push(`realm import refers to Keycloak ${imp.spec?.keycloakCRName}, the Keycloak is ${kc.metadata.name}`);
  if (kc) {
    if (!/^https:\/\/[^/]+\/?$/.test(kc.spec?.hostname?.hostname ?? "")) problems.push(`Keycloak hostname ${kc.spec?.hostname?.hostname} is not an https:// URL (the public issuer)`);
    const db = kc.spec?.db ?? {};
    const cluster = byKind(objs, "Cluster").find((c) => serviceHost(db.host) === `${c.metadata.name}-rw`);
    const role = cluster?.spec?.managed?.roles?.find((r) => r.passwordSecret?.name === db.passwordSecret?.name)?.name;
    const dbo = byKind(objs, "Database").find((d) => d.spec?.name === db.database);
    if (!cluster) problems.push(`Keycloak's db host ${db.host} is not the -rw Service of the CloudNativePG cluster`);
    else if (!role) problems.push(`Keycloak's db secret ${db.passwordSecret?.name} is not the passwordSecret of a managed role`);
    else if (!dbo || dbo.spec.owner !== role) problems.push(`database ${db.database} ${dbo ? `is owned by ${dbo.spec.owner}` : "is not declared"}, Keycloak logs in as ${role}`);
    else if (!pgHbaAllows(cluster.spec?.postgresql?.pg_hba, db.database, role)) problems.push(`pg_hba rejects Keycloak's role ${role} on ${db.database}`);
  }
  for (const c of imp?.spec?.realm?.clients ?? []) {
    const ph = /^\$\{(\w+)\}$/.exec(c.secret ?? "")?.[1];
    if (c.secret !== undefined && !ph) problems.push(`client ${c.clientId} has a literal secret`);
    if (ph && !imp.spec?.placeholders?.[ph]) problems.push(`client ${c.clientId}'s secret placeholder ${ph} has no entry in spec.placeholders`);
    for (const u of [...(c.redirectUris ?? []), ...(c.webOrigins ?? []), c.rootUrl, c.baseUrl].filter(Boolean)) {
      if (/\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(u)) problems.push(`client ${c.clientId}: local development URL ${u}`);
      if (expect.publicHosts && /\.localhost(:|\/|$)/.test(u)) problems.push(`client ${c.clientId}: ${u} still has the base's .localhost host`);
    }
  }
  if ((imp?.spec?.realm?.users ?? []).length) problems.push(`the realm import carries ${imp.spec.realm.users.length} users (the demo users must not reach production)`);
  report.check(`${root}: Keycloak: its database, a public https hostname; the realm import without users, client secrets from placeholders`, problems);
}

function checkIngress(report, root, objs, model, facts, expect) {
  const problems = [];
  const backends = [];
  for (const ing of byKind(objs, "Ingress")) {
    const hosts = (ing.spec?.rules ?? []).map((r) => r.host);
    const tlsHosts = (ing.spec?.tls ?? []).flatMap((t) => t.hosts ?? []);
    for (const h of hosts) {
      if (!tlsHosts.includes(h)) problems.push(`Ingress ${ing.metadata.name}: host ${h} has no TLS`);
      if (expect.publicHosts && /\.localhost$/.test(h)) problems.push(`Ingress ${ing.metadata.name}: host ${h} is still the base's .localhost host`);
    }
    for (const r of ing.spec?.rules ?? []) {
      for (const p of r.http?.paths ?? []) {
        const b = p.backend?.service;
        backends.push({ host: r.host, path: p.path, pathType: p.pathType, service: b?.name, ing: ing.metadata.name });
        const own = find(objs, "Service", b?.name);
        const ports = own ? (own.spec?.ports ?? []) : model.services.get(b?.name);
        if (!ports) problems.push(`Ingress ${ing.metadata.name} ${r.host}${p.path}: no Service ${b?.name} (in the manifests or created by an operator)`);
        else if (!ports.some((x) => (b.port?.name !== undefined ? x.name === b.port.name : x.port === b.port?.number))) {
          problems.push(`Ingress ${ing.metadata.name} ${r.host}${p.path}: Service ${b.name} has no port ${b.port?.name ?? b.port?.number}`);
        }
      }
    }
  }
  // Every API path a service declares is routed to that service, and only to it: by the longest
  // matching Prefix path, as Ingress controllers choose (licensing's /api/operators/me/webhook
  // beside catalog's /api/operators), on the hosts that serve the APIs (not web's, whose / is web's).
  const apiHosts = new Set(backends.filter((b) => b.path.startsWith("/api/")).map((b) => b.host));
  for (const svc of SERVICES) {
    for (const path of facts.services[svc].apiPaths) {
      const matching = backends.filter((b) => apiHosts.has(b.host) && b.pathType === "Prefix" && (path === b.path || path.startsWith(`${b.path.replace(/\/$/, "")}/`)));
      const longest = Math.max(0, ...matching.map((b) => b.path.length));
      const hit = matching.filter((b) => b.path.length === longest);
      if (hit.length === 0) problems.push(`${svc} serves ${path}, but no Ingress routes it`);
      for (const h of hit) if (h.service !== svc) problems.push(`${path} (served by ${svc}) is routed to ${h.service} by Ingress ${h.ing}`);
    }
  }
  // The web front end: every path of its own host (nothing else there), not on the APIs' host.
  const webRoutes = backends.filter((b) => b.service === WEB);
  if (!webRoutes.some((b) => b.path === "/" && b.pathType === "Prefix")) problems.push(`no Ingress routes / (Prefix) to Service ${WEB}`);
  for (const r of webRoutes) {
    if (apiHosts.has(r.host)) problems.push(`Ingress ${r.ing} serves ${WEB} on ${r.host}, the APIs' host: its / would take every path no API claims`);
    const others = backends.filter((b) => b.host === r.host && b.service !== WEB);
    if (others.length) problems.push(`host ${r.host} of ${WEB} also routes ${others.map((b) => `${b.path} to ${b.service}`).join(", ")}`);
  }
  const kc = byKind(objs, "Keycloak")[0];
  if (kc) {
    const kcService = kc.spec?.http?.serviceName ?? `${kc.metadata.name}-service`;
    const routes = backends.filter((b) => b.service === kcService);
    if (!routes.some((r) => r.path === "/realms" || r.path === "/")) problems.push(`Keycloak's /realms is not routed to ${kcService}`);
    for (const r of routes) if (r.host !== hostOf(kc.spec?.hostname?.hostname)) problems.push(`Ingress ${r.ing} serves Keycloak on ${r.host}, but Keycloak's hostname is ${hostOf(kc.spec?.hostname?.hostname)}`);
  }
  report.check(`${root}: Ingress: each backend a Service with that port, TLS for every host, every API path of the services routed to its owner, web on a host of its own, Keycloak on its hostname`, problems);
}

// --- monitoring -------------------------------------------------------------------------------------

/** The metric names a PromQL expression uses that no code registers (FRAMEWORK_METRICS aside). */
function unknownMetrics(expr, facts) {
  return [...new Set(String(expr).match(METRIC_TOKEN) ?? [])].filter((m) => !facts.metrics.has(m) && !FRAMEWORK_METRICS.has(m));
}

function checkMonitoring(report, root, objs, facts) {
  const problems = [];
  for (const svc of SERVICES) {
    const service = find(objs, "Service", svc);
    const monitors = byKind(objs, "ServiceMonitor").filter((m) => service && matches(m.spec?.selector, service.metadata.labels));
    if (monitors.length !== 1) {
      problems.push(`${monitors.length} ServiceMonitors select Service ${svc}, expected 1`);
      continue;
    }
    const portNames = (service.spec?.ports ?? []).map((p) => p.name);
    for (const e of monitors[0].spec?.endpoints ?? []) {
      if (!portNames.includes(e.port)) problems.push(`ServiceMonitor ${monitors[0].metadata.name}: port ${e.port} is no port of Service ${svc} (${portNames.join(", ")})`);
      if (e.path !== "/q/metrics") problems.push(`ServiceMonitor ${monitors[0].metadata.name}: path ${e.path}, expected /q/metrics`);
    }
    if (!(monitors[0].spec?.endpoints ?? []).length) problems.push(`ServiceMonitor ${monitors[0].metadata.name} has no endpoints`);
  }
  const rules = byKind(objs, "PrometheusRule").flatMap((r) => (r.spec?.groups ?? []).flatMap((g) => g.rules ?? [])
    .map((rule) => ({ ...rule, where: `PrometheusRule ${r.metadata.name} ${rule.alert ?? rule.record}` })));
  const alerts = new Set(rules.map((r) => r.alert));
  for (const a of EXPECTED_ALERTS) if (!alerts.has(a)) problems.push(`no alert ${a}`);
  const expressions = rules.map((r) => ({ where: r.where, expr: r.expr }));
  const dashboards = byKind(objs, "ConfigMap").filter((c) => c.metadata.labels?.grafana_dashboard === "1");
  if (!dashboards.length) problems.push("no ConfigMap labelled grafana_dashboard=1");
  for (const c of dashboards) {
    for (const [file, text] of Object.entries(c.data ?? {})) {
      let dashboard;
      try {
        dashboard = JSON.parse(text);
      } catch (e) {
        problems.push(`ConfigMap ${c.metadata.name} ${file}: no JSON (${e.message})`);
        continue;
      }
      const panels = dashboard.panels ?? [];
      if (!panels.length) problems.push(`ConfigMap ${c.metadata.name} ${file}: no panels`);
      for (const p of panels) for (const t of p.targets ?? []) expressions.push({ where: `dashboard panel "${p.title}"`, expr: t.expr });
      for (const v of dashboard.templating?.list ?? []) if (v.type === "query") expressions.push({ where: `dashboard variable ${v.name}`, expr: v.query });
    }
  }
  for (const { where, expr } of expressions) {
    for (const m of unknownMetrics(expr, facts)) problems.push(`${where}: metric ${m} is registered by no meter of the code`);
  }
  report.check(`${root}: monitoring: a ServiceMonitor on /q/metrics per service, the alerts of docs/OPERATIONS.md, a Grafana dashboard; `
    + `all ${expressions.length} expressions name metrics the code registers (${facts.metrics.size} known)`, problems);
}

// --- main ------------------------------------------------------------------------------------------

export async function runChecks({ repo, k8s = join(repo, "deploy", "k8s"), kubectl = "kubectl", quiet = false } = {}) {
  const report = new Report(quiet);
  const facts = readRepo(repo);
  report.section("repository facts");
  report.check("docker-compose.yml, application.properties, event contracts readable", facts.problems);
  const userMade = readUserCreated(join(k8s, "README.md"));
  report.check(`README.md documents the secrets/config maps you create (${userMade.size} found)`, userMade.size ? [] : ["no `kubectl create secret|configmap` commands found in README.md"]);

  const roots = checkFiles(report, k8s);

  report.section("realm import");
  const realmProblems = [];
  try {
    const expected = buildRealmImport(JSON.parse(readFileSync(facts.realmFile, "utf8")));
    const [actual] = loadYamlFile(join(k8s, "base", "keycloak", "realm-import.yaml"));
    if (!deepEqual(actual, expected)) realmProblems.push(`out of date with identity/kommunalmarkt-realm.json at ${firstDifference(actual, expected)}; run: node deploy/k8s/tools/realm-import.mjs`);
  } catch (e) {
    realmProblems.push(e.message.split("\n")[0]);
  }
  report.check("base/keycloak/realm-import.yaml is generated from identity/kommunalmarkt-realm.json (up to date)", realmProblems);

  const rendered = await Promise.all(roots.map((root) => render(kubectl, join(k8s, root))));
  const used = new Set();
  for (const [i, root] of roots.entries()) {
    report.section(`${root} (kubectl kustomize)`);
    const { objs, error } = rendered[i];
    report.check(`${root}: kubectl kustomize renders it${objs ? ` (${objs.length} objects)` : ""}`, error ? error.split("\n").slice(0, 5) : []);
    if (!objs) continue;
    await checkRender(report, root, objs, facts, userMade, EXPECTATIONS[root]);
    for (const r of collectRefs(objs)) used.add(`${r.kind}/${r.name}`);
  }
  report.check("every secret/config map README.md tells you to create is used by the manifests",
    [...userMade.keys()].filter((k) => !used.has(k)).map((k) => `README.md creates ${k}, which nothing uses`));
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const repo = resolve(arg("--repo", join(defaultK8sDir, "..", "..")));
  const started = Date.now();
  const report = await runChecks({ repo, kubectl: arg("--kubectl", "kubectl"), quiet: args.includes("--quiet") });
  console.log(`manifest checks: ${report.passed} passed, ${report.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  process.exit(report.failed ? 1 : 0);
}
