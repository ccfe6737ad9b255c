// The offline checks of deploy/k8s (run by check.sh). No cluster, no kubectl needed: the
// kustomizations are built by kustomize-lite.mjs; when kubectl is installed its kustomize builds
// them too and both results must agree.
//
//   node deploy/k8s/tools/check.mjs [--repo DIR] [--no-kubectl] [--quiet]
//
// What is checked, against the rest of the repository (docker-compose.yml, the services'
// application.properties and JAX-RS resources, the event contracts, the realm export, README.md):
// see README.md ("Checking the manifests offline") and the sections below.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, findKustomization, origin, readKustomization, referencedPaths, stripHash } from "./kustomize-lite.mjs";
import { isBuiltIn, validateBuiltIn } from "./k8s-schema.mjs";
import { deepEqual, firstDifference, isPlainObject, k8sDir as defaultK8sDir, loadYamlFile, yaml } from "./lib.mjs";
import { buildRealmImport } from "./realm-import.mjs";

/** The topics of docs/ARCHITECTURE.md ("Topics and events"), each with its dead-letter topic. */
export const EXPECTED_TOPICS = [
  "catalog.solutions", "catalog.directory", "licensing.licenses", "licensing.deployments", "billing.invoices",
].flatMap((t) => [t, `${t}.dlq`]);
export const PARTITIONS = 6;
export const TOPIC_REPLICAS = 3;
export const MIN_ISR = 2;
export const SERVICES = ["catalog-service", "licensing-service", "billing-service"];
export const NAMESPACE = "kommunalmarkt";

/** What each top-level kustomization must produce beyond the common rules. */
const EXPECTATIONS = {
  base: { replicas: 2, exactImage: true, publicHosts: "any" },
  "overlays/production": { replicas: 3, exactImage: false, publicHosts: "public" },
};

// Fields of the operators' custom resources that this checker knows (their CRDs are not available
// offline). A field missing here is reported; if it is right, add it.
const CR_FIELDS = {
  "Kafka.spec": ["kafka", "entityOperator", "clusterCa", "clientsCa", "cruiseControl", "kafkaExporter", "maintenanceTimeWindows"],
  "KafkaNodePool.spec": ["replicas", "roles", "storage", "resources", "jvmOptions", "template"],
  "KafkaTopic.spec": ["topicName", "partitions", "replicas", "config"],
  "Cluster.spec": ["description", "inheritedMetadata", "imageName", "imageCatalogRef", "imagePullPolicy",
    "schedulerName", "postgresUID", "postgresGID", "instances", "minSyncReplicas", "maxSyncReplicas",
    "postgresql", "replicationSlots", "bootstrap", "replica", "superuserSecret", "enableSuperuserAccess",
    "certificates", "imagePullSecrets", "storage", "serviceAccountTemplate", "walStorage",
    "ephemeralVolumeSource", "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay",
    "failoverDelay", "livenessProbeTimeout", "affinity", "topologySpreadConstraints", "resources",
    "ephemeralVolumesSizeLimit", "priorityClassName", "primaryUpdateStrategy", "primaryUpdateMethod",
    "backup", "nodeMaintenanceWindow", "monitoring", "externalClusters", "logLevel",
    "projectedVolumeTemplate", "env", "envFrom", "managed", "seccompProfile", "tablespaces", "enablePDB",
    "plugins", "probes", "podSecurityContext", "securityContext", "primaryLease"],
  "Database.spec": ["cluster", "ensure", "name", "owner", "template", "encoding", "locale", "localeProvider",
    "localeCollate", "localeCType", "icuLocale", "icuRules", "builtinLocale", "collationVersion", "isTemplate",
    "allowConnections", "connectionLimit", "tablespace", "databaseReclaimPolicy", "schemas", "extensions", "fdws", "servers"],
  "Keycloak.spec": ["instances", "image", "startOptimized", "imagePullSecrets", "additionalOptions", "env", "http",
    "unsupported", "ingress", "features", "transaction", "db", "hostname", "truststores", "cache", "resources",
    "proxy", "httpManagement", "scheduling", "bootstrapAdmin", "networkPolicy", "tracing", "update",
    "readinessProbe", "livenessProbe", "startupProbe", "serviceMonitor"],
  "Keycloak.spec.db": ["vendor", "usernameSecret", "passwordSecret", "database", "host", "port", "schema", "url",
    "poolInitialSize", "poolMinSize", "poolMaxSize"],
  "Keycloak.spec.hostname": ["hostname", "admin", "adminUrl", "strict", "strictBackchannel", "backchannelDynamic"],
  "Keycloak.spec.http": ["tlsSecret", "httpEnabled", "httpPort", "httpsPort", "annotations", "labels", "serviceName"],
  "KeycloakRealmImport.spec": ["keycloakCRName", "realm", "resources", "placeholders", "labels"],
};
const CR_API = {
  Kafka: "kafka.strimzi.io/v1", KafkaNodePool: "kafka.strimzi.io/v1", KafkaTopic: "kafka.strimzi.io/v1",
  Cluster: "postgresql.cnpg.io/v1", Database: "postgresql.cnpg.io/v1",
  Keycloak: "k8s.keycloak.org/v2alpha1", KeycloakRealmImport: "k8s.keycloak.org/v2alpha1",
};

// --- reporting ------------------------------------------------------------------------------------

class Report {
  constructor(quiet) {
    this.quiet = quiet;
    this.passed = 0;
    this.failed = 0;
    this.notes = [];
    this.failures = [];
  }

  /** One check: `problems` is a list of strings (empty = passed). */
  check(title, problems) {
    if (problems.length === 0) {
      this.passed++;
      if (!this.quiet) console.log(`  ok    ${title}`);
    } else {
      this.failed++;
      this.failures.push({ title, problems });
      console.log(`  FAIL  ${title}`);
      for (const p of problems.slice(0, 12)) console.log(`          - ${p}`);
      if (problems.length > 12) console.log(`          - ... and ${problems.length - 12} more`);
    }
  }

  section(title) {
    if (!this.quiet) console.log(title);
  }

  note(text) {
    this.notes.push(text);
    if (!this.quiet) console.log(`  note  ${text}`);
  }
}

// --- the repository around deploy/k8s ---------------------------------------------------------------

function readProperties(file) {
  const props = {};
  if (!existsSync(file)) return props;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (m) props[m[1]] = m[2];
  }
  return props;
}

function listFiles(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".tools" || e.name === "node_modules" || e.name === "target" || e.name.startsWith(".git")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** Facts from the rest of the repository that the manifests must agree with. */
function readRepo(repo) {
  const facts = { services: {}, problems: [] };
  const composeFile = join(repo, "docker-compose.yml");
  let compose = {};
  try {
    compose = yaml.load(readFileSync(composeFile, "utf8"));
  } catch (e) {
    facts.problems.push(`docker-compose.yml: ${e.message.split("\n")[0]}`);
  }
  for (const svc of SERVICES) {
    const c = compose?.services?.[svc];
    const props = readProperties(join(repo, svc, "src", "main", "resources", "application.properties"));
    const env = c?.environment ?? {};
    const envObj = Array.isArray(env) ? Object.fromEntries(env.map((e) => e.split("=", 2))) : env;
    const jdbc = /^jdbc:postgresql:\/\/[^/]+\/([^?]+)/.exec(envObj.QUARKUS_DATASOURCE_JDBC_URL ?? "");
    const incoming = {};
    for (const [k, v] of Object.entries(props)) {
      const m = /^mp\.messaging\.incoming\.([^.]+)\.(topic|group\.id|dead-letter-queue\.topic)$/.exec(k);
      if (m) (incoming[m[1]] ??= {})[m[2]] = v;
    }
    facts.services[svc] = {
      composeFound: !!c,
      requiredEnv: Object.keys(envObj),
      composeEnv: envObj,
      image: c?.image,
      database: jdbc?.[1],
      httpPort: Number(props["quarkus.http.port"] ?? envObj.QUARKUS_HTTP_PORT),
      clientId: props["quarkus.oidc.client-id"] ?? envObj.QUARKUS_OIDC_CLIENT_ID,
      props,
      incoming,
      apiPaths: readApiPaths(join(repo, svc, "src", "main", "java")),
    };
    if (!c) facts.problems.push(`docker-compose.yml has no service ${svc}`);
  }
  // Topics from the event contracts
  const topicsJava = join(repo, "event-contracts", "src", "main", "java", "de", "kommunalmarkt", "events", "Topics.java");
  facts.contractTopics = existsSync(topicsJava)
    ? [...readFileSync(topicsJava, "utf8").matchAll(/static final String \w+\s*=\s*"([^"]+)"/g)].map((m) => m[1])
    : null;
  const asyncapi = join(repo, "event-contracts", "src", "main", "resources", "asyncapi.yaml");
  try {
    facts.asyncapiTopics = existsSync(asyncapi)
      ? Object.values(yaml.load(readFileSync(asyncapi, "utf8")).channels ?? {}).map((c) => c.address).filter(Boolean)
      : null;
  } catch (e) {
    facts.problems.push(`asyncapi.yaml: ${e.message.split("\n")[0]}`);
  }
  // Billing's seller party: billing.seller.* in application.properties (BillingConfig)
  facts.sellerProps = Object.keys(facts.services["billing-service"]?.props ?? {}).filter((k) => k.startsWith("billing.seller."));
  facts.realmFile = join(repo, "identity", "kommunalmarkt-realm.json");
  return facts;
}

/** Class-level @Path("/api/...") of a service's JAX-RS resources -> the first path segment. */
function readApiPaths(javaDir) {
  const paths = new Set();
  for (const f of listFiles(javaDir, (p) => p.endsWith(".java"))) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/^@Path\("\/api\/([^/"{]+)/gm)) paths.add(`/api/${m[1]}`);
  }
  return [...paths].sort();
}

/** Secrets and ConfigMaps that README.md tells the user to create, from its kubectl commands. */
export function readUserCreated(readme) {
  const made = new Map(); // "Secret/name" | "ConfigMap/name" -> { keys: Map(key -> literal or null), where }
  if (!existsSync(readme)) return made;
  const text = readFileSync(readme, "utf8").replace(/\\\n\s*/g, " ");
  for (const line of text.split("\n")) {
    const m = /kubectl\b.*?\bcreate\s+(secret\s+(generic|tls)|configmap)\s+([a-z0-9][a-z0-9.-]*)(.*)$/.exec(line);
    if (!m) continue;
    const kind = m[1].startsWith("secret") ? "Secret" : "ConfigMap";
    const keys = new Map();
    if (m[2] === "tls") { keys.set("tls.crt", null); keys.set("tls.key", null); }
    for (const lit of m[4].matchAll(/--from-literal[= ]([A-Za-z0-9_.-]+)=("[^"]*"|'[^']*'|\S*)/g)) {
      const v = lit[2].replace(/^["']|["']$/g, "");
      keys.set(lit[1], /[$`<]/.test(v) ? null : v);
    }
    for (const f of m[4].matchAll(/--from-file[= ]([A-Za-z0-9_.-]+)=/g)) keys.set(f[1], null);
    made.set(`${kind}/${m[3]}`, { keys, type: /--type[= ](\S+)/.exec(m[4])?.[1] ?? (m[2] === "tls" ? "kubernetes.io/tls" : "Opaque") });
  }
  return made;
}

// --- the files ------------------------------------------------------------------------------------

function checkFiles(report, k8s) {
  report.section("files");
  const yamlFiles = listFiles(k8s, (p) => /\.ya?ml$/.test(p) || p.endsWith("/Kustomization"));
  const parseProblems = [];
  for (const f of yamlFiles) {
    try {
      loadYamlFile(f);
    } catch (e) {
      parseProblems.push(`${relative(k8s, f)}: ${e.message.split("\n")[0]}`);
    }
  }
  report.check(`${yamlFiles.length} YAML files parse`, parseProblems);

  const kustomizations = yamlFiles.filter((f) => /\/(kustomization\.ya?ml|Kustomization)$/.test(f)).map((f) => resolve(f, ".."));
  const referenced = new Set();
  const childDirs = new Set();
  const refProblems = [];
  for (const dir of kustomizations) {
    let k;
    try {
      ({ k } = readKustomization(dir));
    } catch (e) {
      refProblems.push(e.message);
      continue;
    }
    for (const ref of referencedPaths(dir, k)) {
      const rel = `${relative(k8s, dir) || "."}/kustomization.yaml ${ref.field}: ${relative(dir, ref.path)}`;
      if (!existsSync(ref.path)) { refProblems.push(`${rel} does not exist`); continue; }
      const isDir = statSync(ref.path).isDirectory();
      if (isDir && ref.kind === "file") refProblems.push(`${rel} is a directory, a file is needed`);
      if (isDir && !findKustomization(ref.path)) refProblems.push(`${rel} is a directory without kustomization.yaml`);
      if (isDir) childDirs.add(ref.path); else referenced.add(ref.path);
    }
  }
  report.check(`every file listed in the ${kustomizations.length} kustomization.yaml files exists`, refProblems);

  const orphans = yamlFiles.filter((f) => !/\/(kustomization\.ya?ml|Kustomization)$/.test(f) && !referenced.has(f)
    && (f.startsWith(join(k8s, "base")) || f.startsWith(join(k8s, "overlays"))));
  report.check("every manifest under base/ and overlays/ is used by a kustomization", orphans.map((f) => `${relative(k8s, f)} is not listed anywhere`));

  const roots = kustomizations.filter((d) => !childDirs.has(d)).map((d) => relative(k8s, d)).sort();
  const unknownRoots = roots.filter((r) => !EXPECTATIONS[r]);
  report.check(`top-level kustomizations are ${Object.keys(EXPECTATIONS).join(", ")}`, [
    ...unknownRoots.map((r) => `${r} is a top-level kustomization the checker has no expectations for (tools/check.mjs EXPECTATIONS)`),
    ...Object.keys(EXPECTATIONS).filter((r) => !roots.includes(r) && !kustomizations.includes(join(k8s, r)))
      .map((r) => `${r}/kustomization.yaml is missing`),
  ]);
  return Object.keys(EXPECTATIONS).filter((r) => existsSync(join(k8s, r)));
}

// --- helpers on the rendered objects ----------------------------------------------------------------

function byKind(objs, kind) {
  return objs.filter((o) => o.kind === kind);
}

function find(objs, kind, name) {
  return objs.find((o) => o.kind === kind && o.metadata.name === name);
}

function matches(selector, labels) {
  const ml = selector?.matchLabels ?? selector ?? {};
  if (selector?.matchExpressions?.length) return false; // not used here; be strict
  return Object.keys(ml).length > 0 && Object.entries(ml).every(([k, v]) => labels?.[k] === v);
}

function podSpec(o) {
  return o.spec?.template?.spec;
}

function memBytes(q) {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q ?? ""));
  if (!m) return NaN;
  const f = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2]] ?? 1;
  return Number(m[1]) * f;
}

/** The Services, Secrets the operators create for the custom resources in `objs`. */
function operatorModel(objs) {
  const services = new Map(); // name -> [{ name, port }]
  const secrets = new Map(); // name -> { keys: Set|null, by }
  for (const c of byKind(objs, "Cluster")) {
    const n = c.metadata.name;
    for (const s of ["rw", "ro", "r"]) services.set(`${n}-${s}`, [{ name: "postgres", port: 5432 }]);
    if (c.spec?.bootstrap?.initdb && !c.spec.bootstrap.initdb.secret) {
      secrets.set(`${n}-app`, { by: `CloudNativePG (Cluster ${n})`, keys: new Set(["username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass", "user"]), role: c.spec.bootstrap.initdb.owner ?? "app" });
    }
    if (c.spec?.enableSuperuserAccess) secrets.set(`${n}-superuser`, { by: `CloudNativePG (Cluster ${n})`, keys: new Set(["username", "password"]) });
  }
  for (const k of byKind(objs, "Keycloak")) {
    const n = k.metadata.name;
    const ports = [];
    if (k.spec?.http?.httpEnabled) ports.push({ name: "http", port: k.spec.http.httpPort ?? 8080 });
    if (k.spec?.http?.tlsSecret) ports.push({ name: "https", port: k.spec.http.httpsPort ?? 8443 });
    services.set(k.spec?.http?.serviceName ?? `${n}-service`, ports);
    if (!k.spec?.bootstrapAdmin) secrets.set(`${n}-initial-admin`, { by: `the Keycloak operator (Keycloak ${n})`, keys: new Set(["username", "password"]) });
  }
  for (const k of byKind(objs, "Kafka")) {
    const n = k.metadata.name;
    services.set(`${n}-kafka-bootstrap`, (k.spec?.kafka?.listeners ?? []).filter((l) => l.type === "internal")
      .map((l) => ({ name: `tcp-${l.name}`, port: l.port, tls: l.tls })));
    secrets.set(`${n}-cluster-ca-cert`, { by: `Strimzi (Kafka ${n})`, keys: new Set(["ca.crt", "ca.p12", "ca.password"]) });
  }
  return { services, secrets };
}

/** Resolves one (Secret|ConfigMap, name, key?) reference: null if fine, else a problem text. */
function makeResolver(objs, model, userMade) {
  return function resolveRef(kind, name, key, optional = false) {
    if (optional) return null;
    const own = find(objs, kind, name);
    if (own) {
      if (key === undefined) return null;
      const data = { ...(own.data ?? {}), ...(own.stringData ?? {}) };
      return Object.hasOwn(data, key) ? null : `${kind} ${name} has no key ${key}`;
    }
    if (kind === "Secret" && model.secrets.has(name)) {
      const s = model.secrets.get(name);
      return key === undefined || s.keys.has(key) ? null : `${name} (created by ${s.by}) has no key ${key}`;
    }
    const doc = userMade.get(`${kind}/${name}`);
    if (doc) {
      return key === undefined || doc.keys.has(key) ? null
        : `${kind} ${name} is created by the user (README.md), but README.md's command gives it no key ${key}`;
    }
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
    if (spec) {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
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
      for (const v of spec.volumes ?? []) {
        if (v.configMap) add("ConfigMap", v.configMap.name, undefined, `${id} volume ${v.name}`, !!v.configMap.optional);
        if (v.secret) add("Secret", v.secret.secretName, undefined, `${id} volume ${v.name}`, !!v.secret.optional);
      }
    }
    if (o.kind === "Ingress") for (const t of o.spec?.tls ?? []) if (t.secretName) add("Secret", t.secretName, "tls.crt", `${id} tls`);
    if (o.kind === "Keycloak") {
      for (const f of ["usernameSecret", "passwordSecret"]) {
        const r = o.spec?.db?.[f];
        if (r) add("Secret", r.name, r.key, `${id} db.${f}`);
      }
      if (o.spec?.http?.tlsSecret) add("Secret", o.spec.http.tlsSecret, "tls.crt", `${id} http.tlsSecret`);
      if (o.spec?.bootstrapAdmin?.user?.secret) add("Secret", o.spec.bootstrapAdmin.user.secret, "password", `${id} bootstrapAdmin`);
    }
    if (o.kind === "KeycloakRealmImport") {
      for (const [p, v] of Object.entries(o.spec?.placeholders ?? {})) add("Secret", v?.secret?.name, v?.secret?.key, `${id} placeholder ${p}`);
    }
    if (o.kind === "Cluster") {
      for (const r of o.spec?.managed?.roles ?? []) {
        if (r.passwordSecret) {
          add("Secret", r.passwordSecret.name, "username", `${id} role ${r.name}`);
          add("Secret", r.passwordSecret.name, "password", `${id} role ${r.name}`);
        }
      }
      if (o.spec?.bootstrap?.initdb?.secret) add("Secret", o.spec.bootstrap.initdb.secret.name, "password", `${id} initdb`);
    }
  }
  return refs;
}

/** Effective environment of a container: VAR -> { from, value?, secret?: {name,key}, configMap? }. */
function containerEnv(objs, c, userMade, problems, id) {
  const env = new Map();
  const set = (name, entry) => {
    if (env.has(name)) problems.push(`${id}: ${name} is set twice (${env.get(name).from} and ${entry.from})`);
    env.set(name, entry);
  };
  for (const e of c.envFrom ?? []) {
    if (e.configMapRef) {
      const cm = find(objs, "ConfigMap", e.configMapRef.name);
      const keys = cm ? Object.entries(cm.data ?? {}) : [...(userMade.get(`ConfigMap/${e.configMapRef.name}`)?.keys ?? new Map())];
      for (const [k, v] of keys) set(k, { from: `ConfigMap ${stripHash(e.configMapRef.name)}`, value: v });
    }
    if (e.secretRef) {
      const keys = [...(userMade.get(`Secret/${e.secretRef.name}`)?.keys?.keys() ?? [])];
      for (const k of keys) set(k, { from: `Secret ${e.secretRef.name}`, secret: { name: e.secretRef.name, key: k } });
    }
  }
  for (const e of c.env ?? []) {
    if (env.has(e.name) && !env.get(e.name).from.startsWith("env")) {
      problems.push(`${id}: ${e.name} is set in env and in ${env.get(e.name).from}`);
    }
    if (e.value !== undefined) env.set(e.name, { from: "env", value: e.value });
    else if (e.valueFrom?.secretKeyRef) env.set(e.name, { from: "env (secret)", secret: e.valueFrom.secretKeyRef });
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      env.set(e.name, { from: "env (configmap)", value: find(objs, "ConfigMap", r.name)?.data?.[r.key] });
    } else env.set(e.name, { from: "env (fieldRef)" });
  }
  return env;
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
  const parts = String(host).split(".");
  if (parts.length === 1) return parts[0];
  if (parts[1] !== NAMESPACE) return null;
  const rest = parts.slice(2).join(".");
  return ["", "svc", "svc.cluster.local"].includes(rest) ? parts[0] : null;
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

// --- the checks on one rendered kustomization --------------------------------------------------------

async function checkRender(report, root, objs, facts, userMade, expect) {
  const model = operatorModel(objs);
  const resolveRef = makeResolver(objs, model, userMade);
  const where = (o) => `${o.kind}/${o.metadata.name}${origin.get(o) ? ` (${origin.get(o)})` : ""}`;

  // -- objects
  {
    const problems = [];
    const seen = new Map();
    for (const o of objs) {
      const key = `${o.apiVersion.split("/")[0]}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
      if (seen.has(key)) problems.push(`${o.kind}/${o.metadata.name} is defined twice`);
      seen.set(key, o);
      if (o.kind !== "Namespace" && o.metadata.namespace !== NAMESPACE) problems.push(`${where(o)} is not in namespace ${NAMESPACE}`);
      if (CR_API[o.kind] && o.apiVersion !== CR_API[o.kind]) problems.push(`${where(o)}: apiVersion ${o.apiVersion}, expected ${CR_API[o.kind]} (the operator versions of README.md)`);
    }
    if (!find(objs, "Namespace", NAMESPACE)) problems.push(`no Namespace ${NAMESPACE}`);
    report.check(`${root}: ${objs.length} objects, unique, all in namespace ${NAMESPACE}`, problems);
  }
  {
    const problems = [];
    let n = 0;
    for (const o of objs) {
      if (isBuiltIn(o)) {
        n++;
        for (const p of await validateBuiltIn(o)) problems.push(`${where(o)}: ${p}`);
      }
      for (const [path, allowed] of Object.entries(CR_FIELDS)) {
        const [kind, ...fields] = path.split(".");
        if (o.kind !== kind) continue;
        const node = fields.reduce((x, f) => x?.[f], o);
        if (!isPlainObject(node)) continue;
        for (const key of Object.keys(node)) {
          if (!allowed.includes(key)) problems.push(`${where(o)}: ${path}.${key} is not a field the checker knows (tools/check.mjs CR_FIELDS)`);
        }
      }
    }
    report.check(`${root}: ${n} built-in objects match the Kubernetes API schema (kubernetes-models), custom resources use known fields`, problems);
  }

  // -- the three services
  const deployments = byKind(objs, "Deployment");
  const services = byKind(objs, "Service");
  for (const svc of SERVICES) {
    const f = facts.services[svc];
    const d = find(objs, "Deployment", svc);
    if (!d) {
      report.check(`${root}: ${svc} Deployment`, [`no Deployment ${svc}`]);
      continue;
    }
    const spec = podSpec(d) ?? {};
    const c = (spec.containers ?? []).find((x) => x.name === svc) ?? spec.containers?.[0] ?? {};
    const ports = c.ports ?? [];
    const httpPort = ports.find((p) => p.name === "http");
    const portOf = (ref) => (typeof ref === "number" ? ports.find((p) => p.containerPort === ref) : ports.find((p) => p.name === ref));

    const wl = [];
    if (!matches(d.spec?.selector, d.spec?.template?.metadata?.labels)) wl.push("spec.selector does not match the pod template's labels");
    if (d.spec?.replicas !== expect.replicas) wl.push(`replicas ${d.spec?.replicas}, expected ${expect.replicas} in ${root}`);
    if (!(d.spec?.replicas >= 2)) wl.push("fewer than 2 replicas");
    const [repo, tag] = String(c.image).split(/:(?=[^/:]+$)/);
    if (expect.exactImage) {
      if (c.image !== f.image) wl.push(`image ${c.image}, expected ${f.image} (docker-compose.yml)`);
    } else {
      const [composeRepo, composeTag] = String(f.image).split(":");
      if (!(repo === composeRepo || repo?.endsWith(`/${composeRepo}`)) || (tag !== composeTag && !String(c.image).includes("@sha256:"))) {
        wl.push(`image ${c.image} is not ${f.image} (docker-compose.yml), possibly from another registry`);
      }
    }
    report.check(`${root}: ${svc} Deployment: selector, ${expect.replicas} replicas, image`, wl);

    const pp = [];
    if (!httpPort) pp.push('no container port named "http"');
    else if (httpPort.containerPort !== f.httpPort) pp.push(`container port ${httpPort.containerPort}, but the service listens on ${f.httpPort} (application.properties)`);
    const probes = { startupProbe: ["/q/health/started", "/q/health/live"], livenessProbe: ["/q/health/live"], readinessProbe: ["/q/health/ready"] };
    for (const [probe, paths] of Object.entries(probes)) {
      const h = c[probe]?.httpGet;
      if (!h) { pp.push(`no ${probe} with httpGet`); continue; }
      if (!paths.includes(h.path)) pp.push(`${probe} path ${h.path}, expected ${paths.join(" or ")}`);
      const target = portOf(h.port);
      if (!target) pp.push(`${probe} port ${h.port} is not a container port`);
      else if (httpPort && target !== httpPort) pp.push(`${probe} port ${h.port} is not the http port`);
    }
    const ann = d.spec?.template?.metadata?.annotations ?? {};
    if (ann["prometheus.io/scrape"] !== "true") pp.push('pod annotation prometheus.io/scrape is not "true"');
    if (ann["prometheus.io/path"] !== "/q/metrics") pp.push("pod annotation prometheus.io/path is not /q/metrics");
    if (httpPort && String(ann["prometheus.io/port"]) !== String(httpPort.containerPort)) pp.push(`pod annotation prometheus.io/port ${ann["prometheus.io/port"]} is not the http port ${httpPort.containerPort}`);
    report.check(`${root}: ${svc} ports, probes (/q/health/started|live|ready) and metrics annotations agree`, pp);

    const rs = [];
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (!req.cpu) rs.push("no cpu request");
    if (!(memBytes(req.memory) >= 512 * 2 ** 20)) rs.push(`memory request ${req.memory} is below 512Mi (a JVM)`);
    if (!(memBytes(lim.memory) >= memBytes(req.memory))) rs.push(`memory limit ${lim.memory} is below the request`);
    if (!(memBytes(lim.memory) <= 4 * 2 ** 30)) rs.push(`memory limit ${lim.memory} missing or above 4Gi`);
    const psc = spec.securityContext ?? {};
    const csc = c.securityContext ?? {};
    if (psc.runAsNonRoot !== true && csc.runAsNonRoot !== true) rs.push("runAsNonRoot is not true");
    if (psc.runAsUser === 0 || csc.runAsUser === 0) rs.push("runs as user 0");
    if (csc.readOnlyRootFilesystem !== true) rs.push("readOnlyRootFilesystem is not true");
    if (csc.allowPrivilegeEscalation !== false) rs.push("allowPrivilegeEscalation is not false");
    if (!(csc.capabilities?.drop ?? []).includes("ALL")) rs.push("capabilities do not drop ALL");
    if ((psc.seccompProfile ?? csc.seccompProfile)?.type !== "RuntimeDefault") rs.push("no seccompProfile RuntimeDefault");
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    const tmpVol = tmp && (spec.volumes ?? []).find((v) => v.name === tmp.name);
    if (!tmpVol?.emptyDir) rs.push("/tmp is not an emptyDir volume (the root file system is read-only)");
    for (const m of c.volumeMounts ?? []) if (!(spec.volumes ?? []).some((v) => v.name === m.name)) rs.push(`volumeMount ${m.name} has no volume`);
    if (spec.automountServiceAccountToken !== false) rs.push("automountServiceAccountToken is not false (the services do not call the Kubernetes API)");
    report.check(`${root}: ${svc} resources (JVM-sized) and security context (non-root, read-only root, /tmp emptyDir)`, rs);

    // Services that select it
    const sv = [];
    const selecting = services.filter((s) => matches(s.spec?.selector, d.spec?.template?.metadata?.labels));
    if (selecting.length === 0) sv.push("no Service selects its pods");
    for (const s of selecting) {
      for (const p of s.spec?.ports ?? []) {
        const tp = p.targetPort ?? p.port;
        if (!portOf(tp)) sv.push(`Service ${s.metadata.name} port ${p.port}: targetPort ${tp} is not a container port of ${svc}`);
      }
    }
    const pdbs = byKind(objs, "PodDisruptionBudget").filter((p) => matches(p.spec?.selector, d.spec?.template?.metadata?.labels));
    if (pdbs.length !== 1) sv.push(`${pdbs.length} PodDisruptionBudgets select its pods, expected 1`);
    for (const p of pdbs) {
      if (p.spec?.minAvailable !== 1) sv.push(`PodDisruptionBudget ${p.metadata.name}: minAvailable ${p.spec?.minAvailable}, expected 1`);
      if (!(d.spec?.replicas > 1)) sv.push(`PodDisruptionBudget ${p.metadata.name} with ${d.spec?.replicas} replica would block node drains`);
    }
    report.check(`${root}: ${svc} Service targetPorts and PodDisruptionBudget (minAvailable 1) match the pods`, sv);

    // Environment
    const envProblems = [];
    const env = containerEnv(objs, c, userMade, envProblems, svc);
    for (const name of f.requiredEnv) if (!env.has(name)) envProblems.push(`${name} is not set (docker-compose.yml sets it)`);
    for (const [name, e] of env) {
      if (e.secret) {
        const p = resolveRef("Secret", e.secret.name, e.secret.key);
        if (p) envProblems.push(`${name}: ${p}`);
      }
    }
    const value = (n) => env.get(n)?.value;
    if (value("QUARKUS_HTTP_PORT") !== undefined && Number(value("QUARKUS_HTTP_PORT")) !== httpPort?.containerPort) {
      envProblems.push(`QUARKUS_HTTP_PORT ${value("QUARKUS_HTTP_PORT")} is not the container port ${httpPort?.containerPort}`);
    }
    checkDatabaseEnv(objs, svc, f, env, userMade, model, envProblems);
    checkKafkaEnv(objs, value("KAFKA_BOOTSTRAP_SERVERS"), envProblems);
    checkOidcEnv(objs, svc, f, env, envProblems);
    if (svc === "billing-service" && root !== "base") checkSellerEnv(facts, env, envProblems);
    report.check(`${root}: ${svc} environment: every variable of docker-compose.yml set, and each points at the right thing`, envProblems);

    // Scaling against partitions
    const consumed = Object.values(f.incoming).map((i) => i.topic).filter(Boolean);
    if (consumed.length) {
      const topicObjs = byKind(objs, "KafkaTopic");
      const minPartitions = Math.min(...consumed.map((t) => topicObjs.find((k) => (k.spec?.topicName ?? k.metadata.name) === t)?.spec?.partitions ?? Infinity));
      report.check(`${root}: ${svc} replicas (${d.spec?.replicas}) <= partitions of the topics it consumes`,
        d.spec?.replicas > minPartitions ? [`${d.spec?.replicas} replicas but only ${minPartitions} partitions: the extra consumers would idle`] : []);
    }
  }
  const extra = deployments.filter((d) => !SERVICES.includes(d.metadata.name));
  report.check(`${root}: the Deployments are exactly ${SERVICES.join(", ")}`, extra.map((d) => `unexpected Deployment ${d.metadata.name}`));

  // -- Secret / ConfigMap references everywhere
  {
    const refs = collectRefs(objs);
    const problems = [];
    for (const r of refs) {
      if (!r.name) { problems.push(`${r.from}: reference without a name`); continue; }
      const p = resolveRef(r.kind, r.name, r.key, r.optional);
      if (p) problems.push(`${r.from}: ${p}`);
    }
    report.check(`${root}: ${refs.length} Secret/ConfigMap references resolve (manifests, operator-generated, or user-created per README.md)`, problems);
  }

  checkKafka(report, root, objs, facts);
  checkPostgres(report, root, objs, userMade);
  checkKeycloak(report, root, objs, facts, expect);
  checkIngress(report, root, objs, model, facts, expect);
}

function checkDatabaseEnv(objs, svc, f, env, userMade, model, problems) {
  const url = env.get("QUARKUS_DATASOURCE_JDBC_URL")?.value;
  const m = /^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/.exec(url ?? "");
  if (!m) { problems.push(`QUARKUS_DATASOURCE_JDBC_URL ${url} is not a PostgreSQL JDBC URL`); return; }
  const [, host, port, db] = m;
  const clusters = byKind(objs, "Cluster").map((c) => c.metadata.name);
  const svcName = serviceHost(host);
  const cluster = clusters.find((c) => svcName === `${c}-rw`);
  if (!cluster) problems.push(`QUARKUS_DATASOURCE_JDBC_URL host ${host} is not the -rw Service of a CloudNativePG Cluster (${clusters.join(", ") || "none"})`);
  if (port && port !== "5432") problems.push(`QUARKUS_DATASOURCE_JDBC_URL port ${port} is not 5432`);
  if (db !== f.database) problems.push(`QUARKUS_DATASOURCE_JDBC_URL database ${db}, but docker-compose.yml gives ${svc} the database ${f.database}`);
  const user = env.get("QUARKUS_DATASOURCE_USERNAME")?.secret;
  const pass = env.get("QUARKUS_DATASOURCE_PASSWORD")?.secret;
  if (!user || !pass) { problems.push("QUARKUS_DATASOURCE_USERNAME/PASSWORD do not come from a Secret"); return; }
  if (user.name !== pass.name || user.key !== "username" || pass.key !== "password") {
    problems.push(`QUARKUS_DATASOURCE_USERNAME/PASSWORD should be keys username/password of one secret (got ${user.name}/${user.key}, ${pass.name}/${pass.key})`);
  }
  // Which role does that secret log in as?
  let role = model.secrets.get(user.name)?.role;
  if (!role) {
    const c = byKind(objs, "Cluster").find((x) => (x.spec?.managed?.roles ?? []).some((r) => r.passwordSecret?.name === user.name));
    role = c?.spec.managed.roles.find((r) => r.passwordSecret?.name === user.name)?.name;
    const documented = userMade.get(`Secret/${user.name}`)?.keys?.get("username");
    if (role && documented && documented !== role) problems.push(`README.md creates ${user.name} with username ${documented}, but the managed role is ${role}`);
  }
  if (!role) { problems.push(`secret ${user.name} is neither a CloudNativePG -app secret nor the passwordSecret of a managed role`); return; }
  const database = byKind(objs, "Database").find((x) => x.spec?.name === db && x.spec?.cluster?.name === cluster);
  if (!database) problems.push(`no CloudNativePG Database ${db} in cluster ${cluster}`);
  else if (database.spec.owner !== role) problems.push(`database ${db} is owned by ${database.spec.owner}, but ${svc} logs in as ${role}`);
  const c = find(objs, "Cluster", cluster);
  if (c && !pgHbaAllows(c.spec?.postgresql?.pg_hba, db, role)) problems.push(`pg_hba of ${cluster} rejects role ${role} on database ${db}`);
}

function checkKafkaEnv(objs, servers, problems) {
  const kafkas = byKind(objs, "Kafka");
  const ok = String(servers ?? "").split(",").every((hp) => {
    const [host, port] = hp.split(":");
    return kafkas.some((k) => serviceHost(host) === `${k.metadata.name}-kafka-bootstrap`
      && (k.spec?.kafka?.listeners ?? []).some((l) => l.type === "internal" && l.tls === false && String(l.port) === port && !l.authentication));
  });
  if (!servers || !ok) problems.push(`KAFKA_BOOTSTRAP_SERVERS ${servers} is not <kafka>-kafka-bootstrap:<port> of an internal listener without TLS and authentication (the outbox relay passes only bootstrap.servers to its producer)`);
}

function checkOidcEnv(objs, svc, f, env, problems) {
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
  const client = (realm.clients ?? []).find((c) => c.clientId === clientId);
  if (!client) problems.push(`the realm has no client ${clientId}`);
  else {
    if (client.publicClient || !client.serviceAccountsEnabled) problems.push(`client ${clientId} is not a confidential client with a service account`);
    const ph = /^\$\{(\w+)\}$/.exec(client.secret ?? "")?.[1];
    const phSecret = ph && imp.spec?.placeholders?.[ph]?.secret;
    const mine = env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")?.secret;
    if (!mine) problems.push("QUARKUS_OIDC_CREDENTIALS_SECRET does not come from a Secret");
    else if (!phSecret || phSecret.name !== mine.name || phSecret.key !== mine.key) {
      problems.push(`QUARKUS_OIDC_CREDENTIALS_SECRET is ${mine.name}/${mine.key}, but Keycloak gets client ${clientId}'s secret from ${phSecret ? `${phSecret.name}/${phSecret.key}` : "nowhere (no placeholder)"}`);
    }
  }
}

function checkSellerEnv(facts, env, problems) {
  // Each billing.seller.* property without a default must come from the environment in production;
  // each BILLING_SELLER_* variable must map to a property (so a renamed property is noticed).
  const envName = (p) => p.toUpperCase().replace(/[.-]/g, "_");
  const wanted = facts.sellerProps.map(envName);
  for (const w of wanted) if (!env.has(w)) problems.push(`${w} (billing.seller.* in application.properties, sample data there) is not set`);
  for (const name of env.keys()) {
    if (name.startsWith("BILLING_SELLER_") && !wanted.includes(name)) problems.push(`${name} does not match any billing.seller.* property in billing-service's application.properties`);
  }
}

function checkKafka(report, root, objs, facts) {
  const problems = [];
  const kafkas = byKind(objs, "Kafka");
  if (kafkas.length !== 1) problems.push(`${kafkas.length} Kafka resources, expected 1`);
  const kafka = kafkas[0];
  const name = kafka?.metadata.name;
  const pools = byKind(objs, "KafkaNodePool");
  for (const p of pools) if (p.metadata.labels?.["strimzi.io/cluster"] !== name) problems.push(`KafkaNodePool ${p.metadata.name} is not labelled strimzi.io/cluster: ${name}`);
  const count = (role) => pools.filter((p) => (p.spec?.roles ?? []).includes(role)).reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
  const brokers = count("broker");
  const controllers = count("controller");
  if (brokers < 3) problems.push(`${brokers} brokers, expected at least 3`);
  if (controllers < 3 || controllers % 2 === 0) problems.push(`${controllers} KRaft controllers, expected an odd number >= 3`);
  const cfg = kafka?.spec?.kafka?.config ?? {};
  const want = { "default.replication.factor": 3, "min.insync.replicas": 2, "offsets.topic.replication.factor": 3, "transaction.state.log.replication.factor": 3, "transaction.state.log.min.isr": 2, "auto.create.topics.enable": false };
  for (const [k, v] of Object.entries(want)) if (String(cfg[k]) !== String(v)) problems.push(`Kafka config ${k} is ${cfg[k]}, expected ${v}`);
  for (const l of kafka?.spec?.kafka?.listeners ?? []) {
    for (const peer of l.networkPolicyPeers ?? []) {
      const sel = peer.podSelector;
      for (const svc of SERVICES) {
        const d = find(objs, "Deployment", svc);
        if (d && sel && !matches(sel, d.spec?.template?.metadata?.labels)) problems.push(`listener ${l.name}'s networkPolicyPeers do not admit ${svc}'s pods`);
      }
    }
  }
  report.check(`${root}: Kafka: KRaft with node pools (${controllers} controllers, ${brokers} brokers), replication 3 / min ISR 2`, problems);

  const tp = [];
  const topics = byKind(objs, "KafkaTopic");
  const names = topics.map((t) => t.spec?.topicName ?? t.metadata.name);
  const missing = EXPECTED_TOPICS.filter((t) => !names.includes(t));
  const unexpected = names.filter((t) => !EXPECTED_TOPICS.includes(t));
  if (missing.length) tp.push(`missing topics: ${missing.join(", ")}`);
  if (unexpected.length) tp.push(`unexpected topics: ${unexpected.join(", ")}`);
  for (const t of topics) {
    const n = t.spec?.topicName ?? t.metadata.name;
    if (t.metadata.labels?.["strimzi.io/cluster"] !== name) tp.push(`${n}: not labelled strimzi.io/cluster: ${name}`);
    if (t.spec?.partitions !== PARTITIONS) tp.push(`${n}: ${t.spec?.partitions} partitions, expected ${PARTITIONS}`);
    if (t.spec?.replicas !== TOPIC_REPLICAS) tp.push(`${n}: ${t.spec?.replicas} replicas, expected ${TOPIC_REPLICAS}`);
    if (t.spec?.replicas > brokers) tp.push(`${n}: ${t.spec?.replicas} replicas but ${brokers} brokers`);
    if (String(t.spec?.config?.["min.insync.replicas"]) !== String(MIN_ISR)) tp.push(`${n}: min.insync.replicas ${t.spec?.config?.["min.insync.replicas"]}, expected ${MIN_ISR}`);
  }
  report.check(`${root}: KafkaTopics are exactly the ${EXPECTED_TOPICS.length} topics (${PARTITIONS} partitions, ${TOPIC_REPLICAS} replicas, min.insync.replicas ${MIN_ISR})`, tp);

  const used = [];
  for (const svc of SERVICES) {
    for (const [ch, i] of Object.entries(facts.services[svc].incoming)) {
      for (const t of [i.topic, i["dead-letter-queue.topic"]].filter(Boolean)) {
        if (!names.includes(t)) used.push(`${svc} channel ${ch} uses topic ${t}, which has no KafkaTopic (auto-creation is off)`);
      }
    }
  }
  if (facts.contractTopics) {
    for (const t of facts.contractTopics.flatMap((x) => [x, `${x}.dlq`])) if (!names.includes(t)) used.push(`event-contracts Topics.java has ${t}, which has no KafkaTopic`);
  } else used.push("event-contracts Topics.java not found");
  if (facts.asyncapiTopics) {
    for (const t of facts.asyncapiTopics) if (!names.includes(t)) used.push(`asyncapi.yaml has channel ${t}, which has no KafkaTopic`);
    for (const t of EXPECTED_TOPICS) if (!facts.asyncapiTopics.includes(t)) used.push(`asyncapi.yaml has no channel for ${t}`);
  }
  report.check(`${root}: every topic in application.properties, Topics.java and asyncapi.yaml has a KafkaTopic`, used);
}

function checkPostgres(report, root, objs, userMade) {
  const problems = [];
  const clusters = byKind(objs, "Cluster");
  if (clusters.length !== 1) problems.push(`${clusters.length} CloudNativePG Clusters, expected 1`);
  for (const c of clusters) {
    if (c.spec?.instances !== 3) problems.push(`Cluster ${c.metadata.name}: ${c.spec?.instances} instances, expected 3`);
    if (!c.spec?.bootstrap?.initdb?.database) problems.push(`Cluster ${c.metadata.name}: no bootstrap.initdb database`);
    for (const r of c.spec?.managed?.roles ?? []) {
      if (r.login && !r.passwordSecret) problems.push(`role ${r.name} logs in but has no passwordSecret`);
      const doc = r.passwordSecret && userMade.get(`Secret/${r.passwordSecret.name}`);
      if (doc && doc.type !== "kubernetes.io/basic-auth") problems.push(`README.md creates ${r.passwordSecret.name} without --type=kubernetes.io/basic-auth (CloudNativePG needs it)`);
      if (doc && doc.keys.get("username") && doc.keys.get("username") !== r.name) problems.push(`README.md creates ${r.passwordSecret.name} with username ${doc.keys.get("username")}, the role is ${r.name}`);
    }
  }
  const roles = new Set(clusters.flatMap((c) => [c.spec?.bootstrap?.initdb?.owner, ...(c.spec?.managed?.roles ?? []).map((r) => r.name)]).filter(Boolean));
  const dbs = byKind(objs, "Database");
  for (const d of dbs) {
    if (!find(objs, "Cluster", d.spec?.cluster?.name)) problems.push(`Database ${d.metadata.name}: no Cluster ${d.spec?.cluster?.name}`);
    if (!roles.has(d.spec?.owner)) problems.push(`Database ${d.metadata.name}: owner ${d.spec?.owner} is not a role of the cluster`);
    if (d.spec?.databaseReclaimPolicy === "delete") problems.push(`Database ${d.metadata.name}: databaseReclaimPolicy delete would drop the data with the resource`);
  }
  const dbNames = dbs.map((d) => d.spec?.name);
  for (const n of new Set(dbNames)) if (dbNames.filter((x) => x === n).length > 1) problems.push(`database ${n} is declared twice`);
  report.check(`${root}: PostgreSQL: one CloudNativePG Cluster with 3 instances, Databases owned by declared roles`, problems);
}

function checkKeycloak(report, root, objs, facts, expect) {
  const problems = [];
  const kcs = byKind(objs, "Keycloak");
  const imports = byKind(objs, "KeycloakRealmImport");
  if (kcs.length !== 1) problems.push(`${kcs.length} Keycloak resources, expected 1`);
  if (imports.length !== 1) problems.push(`${imports.length} KeycloakRealmImports, expected 1`);
  const kc = kcs[0];
  const imp = imports[0];
  if (kc && imp && imp.spec?.keycloakCRName !== kc.metadata.name) problems.push(`realm import refers to Keycloak ${imp.spec?.keycloakCRName}, the Keycloak is ${kc.metadata.name}`);
  if (kc) {
    const h = kc.spec?.hostname?.hostname;
    if (!/^https:\/\/[^/]+\/?$/.test(h ?? "")) problems.push(`Keycloak hostname ${h} is not an https:// URL (the public issuer)`);
    if (!kc.spec?.http?.httpEnabled && !kc.spec?.http?.tlsSecret) problems.push("Keycloak has neither httpEnabled nor a tlsSecret");
    if (kc.spec?.http?.httpEnabled && !kc.spec?.proxy?.headers) problems.push("Keycloak behind the Ingress without proxy.headers");
    const db = kc.spec?.db ?? {};
    const cluster = byKind(objs, "Cluster").find((c) => serviceHost(db.host) === `${c.metadata.name}-rw`);
    if (db.vendor !== "postgres" || !cluster) problems.push(`Keycloak db is not the -rw Service of the CloudNativePG cluster (host ${db.host})`);
    else {
      const role = (cluster.spec?.managed?.roles ?? []).find((r) => r.passwordSecret?.name === db.passwordSecret?.name)?.name;
      const dbo = byKind(objs, "Database").find((d) => d.spec?.name === db.database);
      if (!role) problems.push(`Keycloak's db secret ${db.passwordSecret?.name} is not the passwordSecret of a managed role`);
      if (!dbo) problems.push(`no Database ${db.database} for Keycloak`);
      else if (role && dbo.spec.owner !== role) problems.push(`database ${db.database} is owned by ${dbo.spec.owner}, Keycloak logs in as ${role}`);
      if (role && !pgHbaAllows(cluster.spec?.postgresql?.pg_hba, db.database, role)) problems.push(`pg_hba rejects Keycloak's role ${role} on ${db.database}`);
    }
  }
  const realm = imp?.spec?.realm;
  if (realm) {
    if (realm.realm !== "kommunalmarkt") problems.push(`realm ${realm.realm}, expected kommunalmarkt`);
    if ((realm.users ?? []).length) problems.push(`the realm import carries ${realm.users.length} users (the demo users must not reach production)`);
    for (const c of realm.clients ?? []) {
      if (c.secret !== undefined && !/^\$\{\w+\}$/.test(c.secret)) problems.push(`client ${c.clientId} has a literal secret`);
      const ph = /^\$\{(\w+)\}$/.exec(c.secret ?? "")?.[1];
      if (ph && !imp.spec?.placeholders?.[ph]) problems.push(`client ${c.clientId}'s secret placeholder ${ph} has no entry in spec.placeholders`);
      for (const u of [...(c.redirectUris ?? []), ...(c.webOrigins ?? []), c.rootUrl, c.baseUrl].filter(Boolean)) {
        if (/\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(u)) problems.push(`client ${c.clientId}: local development URL ${u}`);
        if (expect.publicHosts === "public" && /\.localhost(:|\/|$)/.test(u)) problems.push(`client ${c.clientId}: ${u} still has the base's .localhost host`);
      }
      if (c.clientId === "kommunalmarkt-web" && c.directAccessGrantsEnabled !== false) problems.push("kommunalmarkt-web still allows the password grant");
    }
  }
  report.check(`${root}: Keycloak and the realm import: database, public https hostname, no demo users, client secrets from placeholders`, problems);
}

function checkIngress(report, root, objs, model, facts, expect) {
  const problems = [];
  const ingresses = byKind(objs, "Ingress");
  const backends = [];
  for (const ing of ingresses) {
    const hosts = (ing.spec?.rules ?? []).map((r) => r.host);
    const tlsHosts = (ing.spec?.tls ?? []).flatMap((t) => t.hosts ?? []);
    for (const h of hosts) {
      if (!tlsHosts.includes(h)) problems.push(`Ingress ${ing.metadata.name}: host ${h} has no TLS`);
      if (expect.publicHosts === "public" && /\.localhost$/.test(h)) problems.push(`Ingress ${ing.metadata.name}: host ${h} is still the base's .localhost host`);
    }
    for (const h of tlsHosts) if (!hosts.includes(h)) problems.push(`Ingress ${ing.metadata.name}: TLS host ${h} has no rule`);
    for (const r of ing.spec?.rules ?? []) {
      for (const p of r.http?.paths ?? []) {
        const b = p.backend?.service;
        backends.push({ host: r.host, path: p.path, pathType: p.pathType, service: b?.name, ing: ing.metadata.name });
        const own = find(objs, "Service", b?.name);
        const ports = own ? (own.spec?.ports ?? []) : model.services.get(b?.name);
        if (!ports) { problems.push(`Ingress ${ing.metadata.name} ${r.host}${p.path}: no Service ${b?.name} (in the manifests or created by an operator)`); continue; }
        const ok = b.port?.name !== undefined ? ports.some((x) => x.name === b.port.name) : ports.some((x) => x.port === b.port?.number);
        if (!ok) problems.push(`Ingress ${ing.metadata.name} ${r.host}${p.path}: Service ${b.name} has no port ${b.port?.name ?? b.port?.number}`);
      }
    }
  }
  // Every API path a service declares is routed to that service, and only to it.
  for (const svc of SERVICES) {
    for (const path of facts.services[svc].apiPaths) {
      const hit = backends.filter((b) => b.pathType === "Prefix" && (path === b.path || path.startsWith(`${b.path.replace(/\/$/, "")}/`)));
      if (hit.length === 0) problems.push(`${svc} serves ${path}, but no Ingress routes it`);
      for (const h of hit) if (h.service !== svc) problems.push(`${path} (served by ${svc}) is routed to ${h.service} by Ingress ${h.ing}`);
    }
  }
  const owned = new Map(SERVICES.flatMap((svc) => facts.services[svc].apiPaths.map((p) => [p, svc])));
  for (const b of backends.filter((x) => SERVICES.includes(x.service))) {
    const owner = owned.get(b.path);
    if (owner && owner !== b.service) problems.push(`${b.path} is routed to ${b.service}, but ${owner} serves it`);
  }
  // Keycloak's Ingress host is its public hostname
  const kc = byKind(objs, "Keycloak")[0];
  const kcHost = kc && hostOf(kc.spec?.hostname?.hostname);
  const kcService = kc && (kc.spec?.http?.serviceName ?? `${kc.metadata.name}-service`);
  const kcRoutes = backends.filter((b) => b.service === kcService);
  if (kc && kcRoutes.length === 0) problems.push(`no Ingress routes to Keycloak (${kcService})`);
  for (const r of kcRoutes) if (r.host !== kcHost) problems.push(`Ingress ${r.ing} serves Keycloak on ${r.host}, but Keycloak's hostname is ${kcHost}`);
  if (kc && !kcRoutes.some((r) => r.path === "/realms" || r.path === "/")) problems.push("Keycloak's /realms is not routed");
  report.check(`${root}: Ingress: backends exist, TLS for every host, every API path of the services routed to its owner, Keycloak on its hostname`, problems);
  const unused = backends.filter((b) => SERVICES.includes(b.service) && !facts.services[b.service].apiPaths.includes(b.path));
  if (unused.length) report.note(`${root}: Ingress paths not (yet) served by the code: ${unused.map((b) => `${b.path} -> ${b.service}`).join(", ")}`);
}

// --- kubectl cross-check ---------------------------------------------------------------------------

function normalise(o) {
  return JSON.parse(JSON.stringify(o).replace(/("name":"[a-z0-9.-]+?)-[a-z0-9]{10}"/g, '$1"'));
}

function kubectlAvailable() {
  return spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
}

function crossCheck(report, root, dir, mine) {
  let out;
  try {
    out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    report.check(`${root}: kubectl kustomize builds it`, [String(e.stderr || e.message).trim().split("\n")[0]]);
    return;
  }
  const theirs = yaml.loadAll(out).filter(Boolean);
  const key = (o) => `${o.kind}/${o.metadata.name.replace(o.kind === "ConfigMap" ? /-[a-z0-9]{10}$/ : /$^/, "")}`;
  const a = new Map(mine.map((o) => [key(o), normalise(o)]));
  const b = new Map(theirs.map((o) => [key(o), normalise(o)]));
  const problems = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (!a.has(k)) problems.push(`${k}: only in kubectl's build`);
    else if (!b.has(k)) problems.push(`${k}: only in the offline build`);
    else {
      const d = firstDifference(a.get(k), b.get(k));
      if (d) problems.push(`${k}: offline vs kubectl differ at ${d}`);
    }
  }
  report.check(`${root}: kubectl kustomize (${kubectlVersion()}) gives the same ${theirs.length} objects as the offline build`, problems);
}

let kubectlVersionText;
function kubectlVersion() {
  if (kubectlVersionText === undefined) {
    const r = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
    kubectlVersionText = /Kustomize Version: (\S+)/.exec(r.stdout ?? "")?.[1] ?? "unknown version";
  }
  return `kustomize ${kubectlVersionText}`;
}

// --- main ------------------------------------------------------------------------------------------

export async function runChecks({ repo, k8s = join(repo, "deploy", "k8s"), kubectl = true, quiet = false } = {}) {
  const report = new Report(quiet);
  const facts = readRepo(repo);
  report.section("repository facts");
  report.check("docker-compose.yml, application.properties, event contracts readable", facts.problems);
  const userMade = readUserCreated(join(k8s, "README.md"));
  report.check(`README.md documents the secrets/config maps you create (${userMade.size} found)`, userMade.size ? [] : ["no `kubectl create secret|configmap` commands found in README.md"]);

  const roots = checkFiles(report, k8s);

  report.section("realm import");
  {
    const file = join(k8s, "base", "keycloak", "realm-import.yaml");
    const problems = [];
    try {
      const expected = buildRealmImport(JSON.parse(readFileSync(facts.realmFile, "utf8")));
      const [actual] = loadYamlFile(file);
      if (!deepEqual(actual, expected)) problems.push(`out of date with identity/kommunalmarkt-realm.json at ${firstDifference(actual, expected)}; run: node deploy/k8s/tools/realm-import.mjs`);
    } catch (e) {
      problems.push(e.message.split("\n")[0]);
    }
    report.check("base/keycloak/realm-import.yaml is generated from identity/kommunalmarkt-realm.json (up to date)", problems);
  }

  const useKubectl = kubectl && kubectlAvailable();
  for (const root of roots) {
    report.section(`build ${root}`);
    let objs;
    try {
      objs = build(join(k8s, root));
      report.check(`${root}: builds offline (resources, generators, patches, replacements resolved)`, []);
    } catch (e) {
      report.check(`${root}: builds offline`, [e.message]);
      continue;
    }
    if (useKubectl) crossCheck(report, root, join(k8s, root), objs);
    await checkRender(report, root, objs, facts, userMade, EXPECTATIONS[root]);
  }
  if (!useKubectl) report.note("kubectl not found (or --no-kubectl): the offline build was not compared with kustomize's own");

  // README.md documents nothing that is not used
  const used = new Set();
  for (const root of roots) {
    try {
      for (const r of collectRefs(build(join(k8s, root)))) used.add(`${r.kind}/${r.name}`);
    } catch { /* reported above */ }
  }
  report.check("every secret/config map README.md tells you to create is used by the manifests",
    [...userMade.keys()].filter((k) => !used.has(k)).map((k) => `README.md creates ${k}, which nothing uses`));
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const repoArg = args.indexOf("--repo");
  const repo = resolve(repoArg >= 0 ? args[repoArg + 1] : join(defaultK8sDir, "..", ".."));
  const started = Date.now();
  const report = await runChecks({ repo, kubectl: !args.includes("--no-kubectl"), quiet: args.includes("--quiet") });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`manifest checks: ${report.passed} passed, ${report.failed} failed (${secs}s)`);
  process.exit(report.failed ? 1 : 0);
}
