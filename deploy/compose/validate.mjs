// Offline checks of docker-compose.yml, called by check-compose.sh (which installs the npm tools
// and turns the YAML into JSON). Two parts:
//   1. the Compose Specification JSON schema, as shipped inside the dclint package;
//   2. cross-references a schema cannot see: files the compose file names, ports against
//      docs/ARCHITECTURE.md, and the settings that must agree between services (database names and
//      roles against the init SQL, Kafka listeners, Keycloak issuer and clients, the Dockerfile and
//      the build arguments each service passes it).
//
// Usage: node validate.mjs --compose-json FILE --compose-file FILE --root DIR --tools DIR
//                          --schema FILE [--architecture FILE] [--extra-problems N --extra-checks N]
// Prints the problems, then `compose check: N services, M references checked, P problems`;
// exits 1 when P > 0.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const args = parseArgs(process.argv.slice(2));
const require = createRequire(path.join(path.resolve(args.tools), 'package.json'));
const root = path.resolve(args.root);
const composeFile = path.resolve(args['compose-file']);
const composeDir = path.dirname(composeFile);
const composeName = path.relative(root, composeFile) || composeFile;
const compose = JSON.parse(fs.readFileSync(args['compose-json'], 'utf8'));

// Host ports as agreed in docs/ARCHITECTURE.md ("Parts and who owns what"); `row` is how the part's
// row starts in that table, to notice when the document and this list drift apart.
const EXPECTED_PORTS = {
  web: { port: 8080, row: '`web`' },
  postgres: { port: 5432, row: 'PostgreSQL' },
  kafka: { port: 9092, row: 'Kafka' },
  keycloak: { port: 8180, row: '`identity`' },
  'catalog-service': { port: 8081, row: '`catalog-service`' },
  'licensing-service': { port: 8082, row: '`licensing-service`' },
  'billing-service': { port: 8083, row: '`billing-service`' },
  mail: { port: 3025, row: 'Mail server' },
};
const EXPECTED_KAFKA_PARTITIONS = 6; // docs/ARCHITECTURE.md: "6 partitions by default"
// Built here, but owning no data: no database, no Kafka; they call the services over HTTP
// (WEB_<SERVICE>_URL) and log people in with a public client of the realm.
const FRONT_ENDS = ['web'];
const SESSION_SECRET_MIN = 32; // web's WEB_SESSION_SECRET: "at least 32 characters"

let problems = Number(args['extra-problems'] || 0);
let checks = Number(args['extra-checks'] || 0);
let warnings = 0;

function problem(msg) { problems++; console.log(`  PROBLEM: ${msg}`); }
function warn(msg) { warnings++; console.log(`  warning: ${msg}`); }
/** One cross-reference: counts it, reports a problem when `ok` is false. */
function check(ok, msg) { checks++; if (!ok) problem(msg); return ok; }
function section(title) { console.log(`- ${title}`); }

// ---------------------------------------------------------------- 1. schema
section(`schema: ${composeName} against ${path.relative(root, path.resolve(args.schema))}`);
{
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats').default;
  const schema = JSON.parse(fs.readFileSync(args.schema, 'utf8'));
  // The schema names draft-07 by an https URL that Ajv does not know as a meta-schema, and uses a
  // few annotation keywords outside draft-07: validate data with it, without judging the schema.
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(compose)) {
    console.log('  valid against the Compose Specification schema');
  } else {
    for (const e of summariseSchemaErrors(validate.errors)) problem(`schema: ${e}`);
  }
}
if (compose && typeof compose === 'object' && 'version' in compose) {
  problem('top-level `version:` is obsolete in the Compose Specification; remove it');
}

const services = (compose && compose.services) || {};
const serviceNames = Object.keys(services);
const env = Object.fromEntries(serviceNames.map((s) => [s, environmentOf(services[s])]));

// ---------------------------------------------------------------- 2. ports
section('published ports against docs/ARCHITECTURE.md');
const architecture = args.architecture && fs.existsSync(args.architecture)
  ? fs.readFileSync(args.architecture, 'utf8') : null;
if (!architecture) warn(`docs/ARCHITECTURE.md not found (${args.architecture || 'no path given'}); ports checked against the built-in list only`);
const hostPortsSeen = new Map();
for (const [name, { port, row }] of Object.entries(EXPECTED_PORTS)) {
  if (!check(name in services, `service \`${name}\` is missing (docs/ARCHITECTURE.md gives it port ${port})`)) continue;
  const published = portsOf(services[name]);
  check(published.some((p) => p.published === port),
    `service \`${name}\` must publish host port ${port} (docs/ARCHITECTURE.md); it publishes ${published.map((p) => p.published).join(', ') || 'nothing'}`);
  if (architecture) {
    const line = architecture.split('\n').find((l) => l.startsWith(`| ${row}`));
    check(line && lastCell(line) === String(port),
      `docs/ARCHITECTURE.md row \`${row}\` ${line ? `says port ${lastCell(line)}` : 'not found'}; this checker expects ${port}`);
  }
}
for (const name of serviceNames) {
  for (const p of portsOf(services[name])) {
    if (p.published == null) continue;
    const key = `${p.hostIp || '*'}:${p.published}/${p.protocol}`;
    check(!hostPortsSeen.has(key), `host port ${p.published} is published by both \`${hostPortsSeen.get(key)}\` and \`${name}\``);
    hostPortsSeen.set(key, name);
  }
}

// ---------------------------------------------------------------- 3. files and references
section('files and references named in the compose file');
check(fs.existsSync(path.join(root, '.dockerignore')), '.dockerignore is missing at the repository root (build context)');
if (fs.existsSync(path.join(root, '.dockerignore'))) {
  const ignore = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const must of ['**/target', '.git']) check(ignore.includes(must), `.dockerignore does not exclude \`${must}\``);
}
const namedVolumes = Object.keys(compose.volumes || {});
const bindMounts = {}; // service -> [{source, target}]
for (const name of serviceNames) {
  const svc = services[name];
  for (const dep of dependsOn(svc)) {
    if (!check(dep.service in services, `\`${name}\` depends on \`${dep.service}\`, which is not a service`)) continue;
    if (dep.condition === 'service_healthy') {
      const target = services[dep.service];
      check(Boolean(target.healthcheck && !target.healthcheck.disable) || dockerfileHasHealthcheck(target),
        `\`${name}\` waits for \`${dep.service}\` to be healthy, but \`${dep.service}\` has no healthcheck`);
    }
  }
  bindMounts[name] = [];
  for (const v of volumesOf(svc)) {
    if (v.type === 'bind') {
      const abs = path.resolve(composeDir, v.source.replace(/^~(?=\/)/, process.env.HOME || '~'));
      check(fs.existsSync(abs), `\`${name}\` bind-mounts ${v.source}, which does not exist`);
      bindMounts[name].push({ ...v, abs });
    } else if (v.type === 'volume' && v.source) {
      check(namedVolumes.includes(v.source), `\`${name}\` uses volume \`${v.source}\`, which is not declared under top-level volumes`);
    }
  }
  for (const ref of interpolations(svc)) {
    check(ref.hasDefault || ref.name in process.env,
      `\`${name}\`: ${ref.text} has no default and ${ref.name} is not set; Compose would substitute an empty string (write $$ for a literal $)`);
  }
}

// ---------------------------------------------------------------- 4. images built here
section('services built from this repository (Dockerfiles, Maven modules)');
const rootPom = fs.readFileSync(path.join(root, 'pom.xml'), 'utf8');
const reactorModules = [...rootPom.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<module>\s*([^<\s]+)\s*<\/module>/g)].map((m) => m[1]);
const pomVersion = (rootPom.match(/<\/artifactId>\s*<version>([^<]+)<\/version>/) || [])[1];
const { validate: lintDockerfile } = require('dockerfile-utils');
const appServices = serviceNames.filter((s) => services[s].build);
for (const name of appServices) {
  const svc = services[name];
  const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
  const context = path.resolve(composeDir, build.context || '.');
  if (!check(fs.existsSync(context) && fs.statSync(context).isDirectory(), `\`${name}\`: build context ${build.context} is not a directory`)) continue;
  const dockerfileRel = build.dockerfile || 'Dockerfile';
  const dockerfile = path.resolve(context, dockerfileRel);
  if (!check(fs.existsSync(dockerfile), `\`${name}\`: build.dockerfile ${dockerfileRel} does not exist (relative to ${build.context})`)) continue;
  const dfName = path.relative(root, dockerfile);
  const dfText = fs.readFileSync(dockerfile, 'utf8');
  for (const d of lintDockerfile(dfText)) {
    if (d.severity === 1) problem(`${dfName}:${d.range.start.line + 1}: ${d.message}`);
  }
  const instructions = parseDockerfile(dfText);
  for (const ins of instructions) {
    const json = ins.keyword === 'HEALTHCHECK' ? ins.args.replace(/^(--\S+\s+)*CMD\s+/, '') : ins.args;
    if (['CMD', 'ENTRYPOINT', 'RUN', 'HEALTHCHECK'].includes(ins.keyword) && json.startsWith('[')) {
      check(isJsonStringArray(json), `${dfName}:${ins.line}: ${ins.keyword} looks like exec form but is not a JSON string array (Docker would run it through a shell)`);
    }
  }

  // Build arguments: what compose passes (build.args) against the Dockerfile's ARGs. The checks
  // below read the Dockerfile as this service's build sees it, with the arguments filled in.
  const declared = new Map(instructions.filter((i) => i.keyword === 'ARG')
    .map((i) => i.args.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/)).filter(Boolean).map((m) => [m[1], m[2]]));
  const given = buildArgsOf(build);
  for (const a of Object.keys(given)) check(declared.has(a), `\`${name}\`: build.args ${a} is not an ARG of ${dfName}`);
  for (const [a, def] of declared) {
    check(def !== undefined || given[a] !== undefined, `\`${name}\`: ${dfName} needs the build argument ${a} (an ARG without default), build.args does not give it`);
  }
  const values = Object.fromEntries([...declared].filter(([, d]) => d !== undefined).map(([a, d]) => [a, d.replace(/^"(.*)"$/, '$1')]));
  Object.assign(values, given);
  const built = substituteArgs(dfText, values);
  const builtInstructions = parseDockerfile(built);
  const argsText = Object.keys(given).length ? ` (with ${Object.entries(given).map(([k, v]) => `${k}=${v}`).join(' ')})` : '';

  // Maven modules the build names with -pl, and the module whose output it copies: the service's own.
  const runs = builtInstructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
  const plModules = [...runs.matchAll(/(?:-pl|--projects)[ =]+"?([^\s\\"]+)"?/g)].flatMap((m) => m[1].split(','));
  check(plModules.length > 0, `${dfName}${argsText}: no \`mvn ... -pl <module>\` found`);
  for (const mod of new Set(plModules)) {
    const isDir = check(fs.existsSync(path.join(root, mod)) && fs.statSync(path.join(root, mod)).isDirectory(), `${dfName}${argsText}: -pl ${mod} is not a directory in the repository`);
    check(reactorModules.includes(mod), `${dfName}${argsText}: -pl ${mod} is not a <module> of the root pom.xml`);
    check(mod === name, `\`${name}\`: ${dfName}${argsText} builds -pl ${mod}, not the service's own module ${name} (build.args copied from another service?)`);
    if (isDir && !fs.existsSync(path.join(root, mod, 'pom.xml'))) warn(`${mod}/pom.xml does not exist yet: the image cannot be built until it does`);
  }
  const copied = [...built.matchAll(/COPY\s+--from=\S+\s+\S*?\/([^/\s]+)\/target\/quarkus-app\//g)].map((m) => m[1]);
  check(copied.length > 0, `${dfName}${argsText}: copies no target/quarkus-app/ output from the build stage`);
  for (const mod of new Set(copied)) check(plModules.includes(mod), `${dfName}${argsText}: copies ${mod}/target/quarkus-app but builds ${plModules.join(',')}`);

  // Image tag follows the reactor version.
  if (svc.image && pomVersion) {
    const releaseVersion = pomVersion.replace(/-SNAPSHOT$/, '');
    check(svc.image === `kommunalmarkt/${name}:${releaseVersion}`, `\`${name}\`: image ${svc.image}, expected kommunalmarkt/${name}:${releaseVersion} (root pom version ${pomVersion})`);
  }

  // One HTTP port everywhere: compose env, published target, Dockerfile ENV/EXPOSE, healthcheck.
  const httpPort = Number(env[name].QUARKUS_HTTP_PORT);
  if (!check(Number.isInteger(httpPort), `\`${name}\`: QUARKUS_HTTP_PORT is not set in its environment`)) continue;
  check(portsOf(svc).some((p) => p.target === httpPort), `\`${name}\`: no published port maps to container port ${httpPort} (QUARKUS_HTTP_PORT)`);
  const exposed = builtInstructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/)).map((p) => parseInt(p, 10));
  check(exposed.includes(httpPort), `\`${name}\`: ${dfName}${argsText} EXPOSEs ${exposed.join(' ') || '(nothing)'}, not ${httpPort}`);
  const dfEnvPort = (built.match(/QUARKUS_HTTP_PORT=(\S+)/) || [])[1];
  if (dfEnvPort) check(Number(dfEnvPort) === httpPort, `\`${name}\`: ${dfName}${argsText} sets ENV QUARKUS_HTTP_PORT=${dfEnvPort}, compose sets ${httpPort}`);
  const hcPort = healthcheckPort(svc);
  if (svc.healthcheck) check(hcPort === httpPort, `\`${name}\`: healthcheck probes port ${hcPort}, the service listens on ${httpPort}`);
  if (svc.healthcheck) check(/\/q\/health\/ready/.test(healthcheckText(svc)), `\`${name}\`: healthcheck does not ask /q/health/ready`);
}

// ---------------------------------------------------------------- 5. settings between services
section('settings that must agree between services');
const initSql = Object.values(bindMounts).flat()
  .filter((m) => m.target.startsWith('/docker-entrypoint-initdb.d/') && m.source.endsWith('.sql') && fs.existsSync(m.abs))
  .map((m) => fs.readFileSync(m.abs, 'utf8').replace(/--.*$/gm, '')).join('\n');
const roles = Object.fromEntries([...initSql.matchAll(/CREATE\s+(?:ROLE|USER)\s+"?(\w+)"?[^;]*?PASSWORD\s+'([^']*)'/gi)].map((m) => [m[1], m[2]]));
const databases = Object.fromEntries([...initSql.matchAll(/CREATE\s+DATABASE\s+"?(\w+)"?([^;]*)/gi)]
  .map((m) => [m[1], ((m[2].match(/OWNER\s*=?\s*"?(\w+)"?/i) || [])[1]) || null]));

const kafkaEnv = env.kafka || {};
const advertised = listenerMap(kafkaEnv.KAFKA_ADVERTISED_LISTENERS);
const listeners = listenerMap(kafkaEnv.KAFKA_LISTENERS);
if ('kafka' in services) {
  for (const [lname, { host, port }] of Object.entries(advertised)) {
    check(listeners[lname] && listeners[lname].port === port, `kafka: advertised listener ${lname} (${host}:${port}) has no matching KAFKA_LISTENERS entry on port ${port}`);
    if (host === 'localhost' || host === '127.0.0.1') {
      check(portsOf(services.kafka).some((p) => p.published === port && p.target === port), `kafka: listener ${lname} is advertised as ${host}:${port} for the host, but host port ${port} is not published to container port ${port}`);
    }
  }
  check(Number(kafkaEnv.KAFKA_NUM_PARTITIONS) === EXPECTED_KAFKA_PARTITIONS, `kafka: KAFKA_NUM_PARTITIONS is ${kafkaEnv.KAFKA_NUM_PARTITIONS}, docs/ARCHITECTURE.md says ${EXPECTED_KAFKA_PARTITIONS} by default`);
  // Topics are created by kafka-setup (and operators' topics by licensing), so a client's typo creates none.
  check(String(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE) === 'false', 'kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE should be "false" (kafka-setup creates the topics)');
  // Every listener authenticates and the authorizer refuses what no ACL allows.
  for (const entry of String(kafkaEnv.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP || '').split(',')) {
    const [lname, protocol] = entry.split(':');
    check(/^SASL_/.test(protocol || ''), `kafka: listener ${lname} is ${protocol}, not SASL_PLAINTEXT or SASL_SSL`);
  }
  check(/StandardAuthorizer$/.test(String(kafkaEnv.KAFKA_AUTHORIZER_CLASS_NAME || '')), 'kafka: KAFKA_AUTHORIZER_CLASS_NAME is not the StandardAuthorizer');
  check(String(kafkaEnv.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND) === 'false', 'kafka: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be "false"');
}

const kcEnv = env.keycloak || {};
const kcCommand = [].concat(services.keycloak ? services.keycloak.command || [] : []).join(' ');
const kcHttpPort = Number((kcCommand.match(/--http-port[ =](\d+)/) || [])[1] || kcEnv.KC_HTTP_PORT || 8080);
const kcHostname = kcEnv.KC_HOSTNAME ? String(kcEnv.KC_HOSTNAME).replace(/\/$/, '') : null;
if ('keycloak' in services) {
  check(portsOf(services.keycloak).some((p) => p.target === kcHttpPort), `keycloak: listens on ${kcHttpPort} (--http-port) but no published port maps to it`);
  if (check(Boolean(kcHostname), 'keycloak: KC_HOSTNAME is not set, so the token issuer depends on who asks')) {
    const u = new URL(kcHostname);
    check(portsOf(services.keycloak).some((p) => p.published === Number(u.port || 80) && p.target === kcHttpPort),
      `keycloak: KC_HOSTNAME ${kcHostname} is not reachable from the host (its port is not published to ${kcHttpPort})`);
    check(String(kcEnv.KC_HOSTNAME_BACKCHANNEL_DYNAMIC) === 'true',
      'keycloak: KC_HOSTNAME_BACKCHANNEL_DYNAMIC must be "true", or the discovery document sends the services to localhost for JWKS');
  }
  if (services.keycloak.healthcheck && /\/health\//.test(healthcheckText(services.keycloak))) {
    check(String(kcEnv.KC_HEALTH_ENABLED) === 'true', 'keycloak: healthcheck asks /health/..., but KC_HEALTH_ENABLED is not "true"');
  }
}
const realmMount = (bindMounts.keycloak || []).find((m) => m.target.startsWith('/opt/keycloak/data/import/') && fs.existsSync(m.abs));
let realm = null;
if (realmMount) {
  try { realm = JSON.parse(fs.readFileSync(realmMount.abs, 'utf8')); } catch (e) { problem(`${realmMount.source} is not valid JSON: ${e.message}`); }
}

for (const name of appServices) {
  const e = env[name];
  if (FRONT_ENDS.includes(name)) {
    checkFrontEnd(name, e);
  } else {
    checkDataAndMessaging(name, e);
  }
  checkOidc(name, e);
}

/** A service's database, Kafka principal and mail server. */
function checkDataAndMessaging(name, e) {
  // Database: host is the postgres service, database and role come from the init SQL.
  const jdbc = String(e.QUARKUS_DATASOURCE_JDBC_URL || '');
  const m = jdbc.match(/^jdbc:postgresql:\/\/([^:/]+)(?::(\d+))?\/([^?]+)/);
  if (check(Boolean(m), `\`${name}\`: QUARKUS_DATASOURCE_JDBC_URL ${jdbc || '(unset)'} is not jdbc:postgresql://host:port/db`)) {
    const [, host, port = '5432', db] = m;
    if (check(host in services, `\`${name}\`: database host ${host} is not a service`)) {
      check(Number(port) === 5432, `\`${name}\`: database port ${port}, postgres listens on 5432 in the network`);
      check(db in databases, `\`${name}\`: database ${db} is not created by the postgres init script`);
      const user = e.QUARKUS_DATASOURCE_USERNAME;
      check(user in roles, `\`${name}\`: QUARKUS_DATASOURCE_USERNAME ${user} is not a role created by the init script`);
      if (user in roles) check(String(e.QUARKUS_DATASOURCE_PASSWORD) === roles[user], `\`${name}\`: QUARKUS_DATASOURCE_PASSWORD differs from role ${user}'s password in the init script`);
      if (db in databases) check(databases[db] === user, `\`${name}\`: database ${db} is owned by ${databases[db] || 'postgres'}, not by ${user}`);
      check(dependsOn(services[name]).some((d) => d.service === host), `\`${name}\`: does not depend_on ${host}`);
    }
  }
  // Kafka: an in-network advertised listener.
  const bootstrap = String(e.KAFKA_BOOTSTRAP_SERVERS || '');
  if (check(bootstrap.length > 0, `\`${name}\`: KAFKA_BOOTSTRAP_SERVERS is not set`)) {
    for (const hp of bootstrap.split(',')) {
      const [host, port] = hp.trim().split(':');
      check(host in services, `\`${name}\`: Kafka bootstrap host ${host} is not a service`);
      check(Object.values(advertised).some((l) => l.host === host && String(l.port) === port),
        `\`${name}\`: KAFKA_BOOTSTRAP_SERVERS ${hp} is not among kafka's advertised listeners (${Object.values(advertised).map((l) => `${l.host}:${l.port}`).join(', ')})`);
      check(dependsOn(services[name]).some((d) => d.service === host), `\`${name}\`: does not depend_on ${host}`);
    }
    // its own principal, whose user and ACLs kafka-setup creates first
    check(String(e.KAFKA_SECURITY_PROTOCOL || '').startsWith('SASL_'), `\`${name}\`: KAFKA_SECURITY_PROTOCOL is not SASL_*`);
    check(new RegExp(`username="${name}"`).test(String(e.KAFKA_SASL_JAAS_CONFIG || '')), `\`${name}\`: KAFKA_SASL_JAAS_CONFIG does not log in as ${name}`);
    check(dependsOn(services[name]).some((d) => d.service === 'kafka-setup'), `\`${name}\`: does not depend_on kafka-setup`);
  }
  // Mail: the services that notify people send to the mail service's SMTP port in the network.
  if (e.QUARKUS_MAILER_HOST !== undefined || ['licensing-service', 'billing-service'].includes(name)) {
    const host = String(e.QUARKUS_MAILER_HOST || '');
    if (check(host in services, `\`${name}\`: QUARKUS_MAILER_HOST ${host || '(unset)'} is not a service`)) {
      check(portsOf(services[host]).some((p) => p.target === Number(e.QUARKUS_MAILER_PORT)),
        `\`${name}\`: QUARKUS_MAILER_PORT ${e.QUARKUS_MAILER_PORT} is not a port ${host} listens on`);
      check(dependsOn(services[name]).some((d) => d.service === host), `\`${name}\`: does not depend_on ${host}`);
    }
  }
}

/**
 * The web front end: no database or Kafka settings; WEB_<SERVICE>_URL names each service at its
 * in-network port (and waits for it); a session secret long enough.
 */
function checkFrontEnd(name, e) {
  for (const v of Object.keys(e).filter((k) => /^(QUARKUS_DATASOURCE_|KAFKA_)/.test(k))) {
    check(false, `\`${name}\`: ${v} is set, but ${name} owns no data (no database, no Kafka)`);
  }
  const backends = appServices.filter((s) => !FRONT_ENDS.includes(s));
  for (const svc of backends) {
    const variable = `WEB_${svc.replace(/-service$/, '').toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
    const url = String(e[variable] || '');
    const m = url.match(/^http:\/\/([^:/]+):(\d+)\/?$/);
    if (!check(Boolean(m), `\`${name}\`: ${variable} ${url || '(unset)'} is not http://host:port (${svc} inside the network)`)) continue;
    const [, host, port] = m;
    check(host === svc, `\`${name}\`: ${variable} names host ${host}, not the service ${svc}`);
    if (host in services) {
      check(Number(port) === Number(env[host].QUARKUS_HTTP_PORT), `\`${name}\`: ${variable} port ${port}, ${host} listens on ${env[host].QUARKUS_HTTP_PORT}`);
      check(dependsOn(services[name]).some((d) => d.service === host), `\`${name}\`: does not depend_on ${host}`);
    }
  }
  for (const v of Object.keys(e).filter((k) => /^WEB_.*_URL$/.test(k))) {
    check(backends.some((svc) => e[v] !== undefined && String(e[v]).includes(`//${svc}:`)), `\`${name}\`: ${v} is set, but names none of the services ${backends.join(', ')}`);
  }
  const secret = resolveInterpolation(e.WEB_SESSION_SECRET);
  check(typeof secret === 'string' && secret.length >= SESSION_SECRET_MIN,
    `\`${name}\`: WEB_SESSION_SECRET ${secret === undefined ? 'is not set' : `has ${String(secret).length} characters`}; ${name} needs ${SESSION_SECRET_MIN} or more (it refuses to start)`);
}

function checkOidc(name, e) {
  // OIDC: server URL inside the network, issuer as the host sees it, client in the realm export.
  const server = String(e.QUARKUS_OIDC_AUTH_SERVER_URL || '');
  const sm = server.match(/^https?:\/\/([^:/]+)(?::(\d+))?\/realms\/([^/]+)\/?$/);
  if (check(Boolean(sm), `\`${name}\`: QUARKUS_OIDC_AUTH_SERVER_URL ${server || '(unset)'} is not http://host:port/realms/<realm>`)) {
    const [, host, port = '80', realmName] = sm;
    if (check(host in services, `\`${name}\`: OIDC host ${host} is not a service`)) {
      check(Number(port) === kcHttpPort, `\`${name}\`: OIDC port ${port}, keycloak listens on ${kcHttpPort}`);
      check(dependsOn(services[name]).some((d) => d.service === host), `\`${name}\`: does not depend_on ${host}`);
    }
    if (kcHostname) {
      check(e.QUARKUS_OIDC_TOKEN_ISSUER === `${kcHostname}/realms/${realmName}`,
        `\`${name}\`: QUARKUS_OIDC_TOKEN_ISSUER ${e.QUARKUS_OIDC_TOKEN_ISSUER || '(unset)'} differs from the issuer keycloak puts in tokens, ${kcHostname}/realms/${realmName}`);
    }
    if (realm) {
      check(realm.realm === realmName, `\`${name}\`: realm ${realmName}, but ${realmMount.source} exports realm ${realm.realm}`);
      const client = (realm.clients || []).find((c) => c.clientId === e.QUARKUS_OIDC_CLIENT_ID);
      if (check(Boolean(client), `\`${name}\`: client ${e.QUARKUS_OIDC_CLIENT_ID} is not in ${realmMount.source}`) && client.secret !== undefined) {
        check(client.secret === e.QUARKUS_OIDC_CREDENTIALS_SECRET, `\`${name}\`: QUARKUS_OIDC_CREDENTIALS_SECRET differs from client ${client.clientId}'s secret in ${realmMount.source}`);
      }
      if (client && FRONT_ENDS.includes(name)) checkBrowserClient(name, e, client);
    }
  }
}

/**
 * A front end logs people in with a public client and the authorization code flow: Keycloak must
 * accept the address a browser opens it at (http://localhost:<published port>/) as redirect URI, and
 * after log-out.
 */
function checkBrowserClient(name, e, client) {
  check(client.publicClient === true, `\`${name}\`: client ${client.clientId} is not a public client (a browser front end keeps no client secret)`);
  check(e.QUARKUS_OIDC_CREDENTIALS_SECRET === undefined, `\`${name}\`: QUARKUS_OIDC_CREDENTIALS_SECRET is set, but ${client.clientId} is a public client`);
  check(client.standardFlowEnabled !== false, `\`${name}\`: client ${client.clientId} has the authorization code flow (standardFlowEnabled) off`);
  const httpPort = Number(e.QUARKUS_HTTP_PORT);
  const published = portsOf(services[name]).filter((p) => p.target === httpPort && p.published != null);
  const redirects = client.redirectUris || [];
  const postLogout = String((client.attributes || {})['post.logout.redirect.uris'] || '');
  const logoutPatterns = postLogout === '' || postLogout === '+' ? redirects
    : postLogout.split('##').flatMap((u) => (u === '+' ? redirects : [u]));
  for (const p of published) {
    const url = `http://localhost:${p.published}/`;
    check(redirects.some((r) => redirectMatches(r, url)),
      `\`${name}\`: ${url} (where the host reaches it) is no valid redirect URI of client ${client.clientId} (${redirects.join(', ') || 'none'})`);
    check(postLogout !== '-' && logoutPatterns.some((r) => redirectMatches(r, url)),
      `\`${name}\`: ${url} is no valid post-logout redirect URI of client ${client.clientId} (post.logout.redirect.uris ${postLogout || '(unset)'})`);
  }
}

console.log(`compose check: ${serviceNames.length} services, ${checks} references checked, ${problems} problems`
  + (warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''));
process.exit(problems > 0 ? 1 : 0);

// ================================================================ helpers

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['compose-json', 'compose-file', 'root', 'tools', 'schema']) {
    if (!out[k]) throw new Error(`missing --${k}`);
  }
  return out;
}

function summariseSchemaErrors(errors) {
  // oneOf branches produce one error per failed branch; keep the deepest, most specific ones.
  const seen = new Set();
  const out = [];
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const e of sorted) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const where = e.instancePath || '/';
    const extra = e.params && e.params.additionalProperty ? ` \`${e.params.additionalProperty}\``
      : e.params && e.params.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
    const text = `${where}: ${e.message}${extra}`;
    if (!seen.has(text)) { seen.add(text); out.push(text); }
  }
  return out.slice(0, 15);
}

function environmentOf(svc) {
  const e = svc.environment;
  if (!e) return {};
  if (Array.isArray(e)) {
    return Object.fromEntries(e.map((kv) => { const i = String(kv).indexOf('='); return i < 0 ? [kv, undefined] : [kv.slice(0, i), kv.slice(i + 1)]; }));
  }
  return e;
}

function portsOf(svc) {
  return (svc.ports || []).map((p) => {
    if (typeof p === 'object') {
      return { hostIp: p.host_ip || null, published: p.published == null ? null : Number(p.published), target: Number(p.target), protocol: p.protocol || 'tcp' };
    }
    let s = String(p);
    let protocol = 'tcp';
    const slash = s.indexOf('/');
    if (slash >= 0) { protocol = s.slice(slash + 1); s = s.slice(0, slash); }
    let hostIp = null;
    const v6 = s.match(/^\[([^\]]+)\]:(.*)$/);
    if (v6) { hostIp = v6[1]; s = v6[2]; }
    const parts = s.split(':');
    const target = Number(parts.pop());
    const published = parts.length ? (parts.pop() || null) : null;
    if (parts.length) hostIp = parts.join(':');
    return { hostIp, published: published == null ? null : Number(published), target, protocol };
  });
}

function dependsOn(svc) {
  const d = svc.depends_on;
  if (!d) return [];
  if (Array.isArray(d)) return d.map((service) => ({ service, condition: 'service_started' }));
  return Object.entries(d).map(([service, v]) => ({ service, condition: (v && v.condition) || 'service_started' }));
}

function volumesOf(svc) {
  return (svc.volumes || []).map((v) => {
    if (typeof v === 'object') return { type: v.type, source: v.source, target: v.target };
    const parts = String(v).split(':');
    if (parts.length === 1) return { type: 'volume', source: null, target: parts[0] };
    const source = parts[0];
    const type = /^[./~]/.test(source) ? 'bind' : 'volume';
    return { type, source, target: parts[1] };
  });
}

function healthcheckText(svc) {
  const t = svc.healthcheck && svc.healthcheck.test;
  return Array.isArray(t) ? t.join(' ') : String(t || '');
}

function healthcheckPort(svc) {
  const m = healthcheckText(svc).match(/\/dev\/tcp\/[^/\s]+\/(\d+)|(?:localhost|127\.0\.0\.1):(\d+)/);
  return m ? Number(m[1] || m[2]) : null;
}

function dockerfileHasHealthcheck(svc) {
  if (!svc.build) return false;
  const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
  const f = path.resolve(composeDir, build.context || '.', build.dockerfile || 'Dockerfile');
  return fs.existsSync(f) && parseDockerfile(fs.readFileSync(f, 'utf8')).some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args));
}

function parseDockerfile(text) {
  const out = [];
  let current = null;
  text.split('\n').forEach((raw, idx) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line) || (!current && !line.trim())) return;
    const continued = /\\\s*$/.test(line);
    const body = continued ? line.replace(/\\\s*$/, '') : line;
    if (!current) {
      const m = body.trim().match(/^(\S+)\s*([\s\S]*)$/);
      current = { keyword: m[1].toUpperCase(), args: m[2], line: idx + 1 };
    } else {
      current.args += ` ${body.trim()}`;
    }
    if (!continued) { current.args = current.args.trim(); out.push(current); current = null; }
  });
  if (current) out.push(current);
  return out;
}

/** build.args as an object (compose allows a map or a list of KEY=VALUE). */
function buildArgsOf(build) {
  const a = build.args;
  if (!a) return {};
  if (Array.isArray(a)) {
    return Object.fromEntries(a.map((kv) => { const i = String(kv).indexOf('='); return i < 0 ? [kv, undefined] : [kv.slice(0, i), kv.slice(i + 1)]; }));
  }
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v == null ? undefined : String(v)]));
}

/** The Dockerfile with ${NAME}, ${NAME:-default} and $NAME of the given build arguments filled in. */
function substituteArgs(text, values) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, def, bare) => {
    const v = values[braced || bare];
    if (v !== undefined) return v;
    return braced && def !== undefined ? def : whole;
  });
}

function isJsonStringArray(s) {
  try { const v = JSON.parse(s); return Array.isArray(v) && v.every((x) => typeof x === 'string'); } catch { return false; }
}

function listenerMap(value) {
  const out = {};
  for (const item of String(value || '').split(',').filter(Boolean)) {
    const m = item.trim().match(/^([A-Za-z0-9_]+):\/\/([^:]*):(\d+)$/);
    if (m) out[m[1]] = { host: m[2], port: Number(m[3]) };
  }
  return out;
}

function interpolations(value, out = []) {
  if (typeof value === 'string') {
    // $$ is a literal $; ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:?e} and $VAR are interpolated.
    for (const m of value.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (m[0] === '$$') continue;
      out.push({ text: m[0], name: m[1] || m[3], hasDefault: Boolean(m[2] && /^:?-/.test(m[2])) });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => interpolations(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => interpolations(v, out));
  }
  return out;
}

/** Keycloak's redirect URI matching: a pattern ending in * is a prefix, any other one must be equal. */
function redirectMatches(pattern, url) {
  const p = String(pattern);
  if (p.endsWith('*')) return url.startsWith(p.slice(0, -1));
  return url.replace(/\/$/, '') === p.replace(/\/$/, '');
}

/** A compose value with ${VAR:-default} / ${VAR-default} / ${VAR} filled in from this environment. */
function resolveInterpolation(value) {
  if (value === undefined || value === null) return undefined;
  return String(value).replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (whole, v, colon, op, def) => {
    if (whole === '$$') return '$';
    const set = process.env[v];
    if (set !== undefined && (set !== '' || !colon)) return set;
    return op === '-' ? def : ''; // ${VAR:?error} unset: Compose refuses the file
  });
}

function lastCell(line) {
  const cells = line.split('|').map((c) => c.trim()).filter((c, i, a) => i > 0 && i < a.length - 1);
  return cells[cells.length - 1];
}
