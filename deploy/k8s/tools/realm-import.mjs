// Generates base/keycloak/realm-import.yaml, a KeycloakRealmImport, from the realm export
// identity/kommunalmarkt-realm.json, with what identity/README.md ("Production") asks for:
//   - no demo users (the export's "users" are dropped);
//   - no fixed client secrets: each confidential client's secret becomes a placeholder
//     ${<CLIENT>_CLIENT_SECRET}, filled by the Keycloak operator from the secret
//     kommunalmarkt-oidc-clients (key = client id), the same key the service reads;
//   - kommunalmarkt-web without the password grant, and with the public front-end URL (instead of
//     localhost) as redirect URI and web origin; the production overlay replaces the host;
//   - brute-force detection on.
// The operator imports a realm only if it does not exist yet (see README.md).
//
//   node deploy/k8s/tools/realm-import.mjs            writes the file
//   node deploy/k8s/tools/realm-import.mjs --check    exit 1 if the file is not what it would write
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { deepClone, deepEqual, firstDifference, k8sDir, loadYamlFile, yaml } from "./lib.mjs";

export const repoRoot = resolve(k8sDir, "../..");
export const realmFile = (root = repoRoot) => join(root, "identity", "kommunalmarkt-realm.json");
export const outputFile = (dir = k8sDir) => join(dir, "base", "keycloak", "realm-import.yaml");

export const KEYCLOAK_CR = "keycloak";
export const CLIENT_SECRETS_SECRET = "kommunalmarkt-oidc-clients";
export const WEB_CLIENT = "kommunalmarkt-web";
/** The front end's public URL in the base; overlays replace the host. */
export const WEB_URL = "https://kommunalmarkt.localhost";

export function placeholderFor(clientId) {
  return `${clientId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_CLIENT_SECRET`;
}

export function buildRealmImport(realmExport) {
  const realm = deepClone(realmExport);
  delete realm.users;
  realm.bruteForceProtected = true;
  const placeholders = {};
  for (const client of realm.clients ?? []) {
    if (!client.publicClient && !client.bearerOnly && typeof client.secret === "string") {
      const name = placeholderFor(client.clientId);
      client.secret = "${" + name + "}";
      placeholders[name] = { secret: { name: CLIENT_SECRETS_SECRET, key: client.clientId } };
    }
    if (client.clientId === WEB_CLIENT) {
      client.directAccessGrantsEnabled = false;
      client.redirectUris = [`${WEB_URL}/*`];
      client.webOrigins = [WEB_URL];
      client.description = "Browser front end (public client, authorization code + PKCE S256). Imported "
        + "for Kubernetes: no direct access grants; redirect URI and web origin are the public front end.";
    }
  }
  return {
    apiVersion: "k8s.keycloak.org/v2alpha1",
    kind: "KeycloakRealmImport",
    metadata: { name: `${realm.realm}-realm` },
    spec: { keycloakCRName: KEYCLOAK_CR, placeholders, realm },
  };
}

const HEADER = `# GENERATED from identity/kommunalmarkt-realm.json by deploy/k8s/tools/realm-import.mjs -
# do not edit; change the realm export and run: node deploy/k8s/tools/realm-import.mjs
# (deploy/k8s/check.sh fails while this file is out of date).
#
# The realm for production: no demo users, client secrets from the secret kommunalmarkt-oidc-clients
# (placeholders), kommunalmarkt-web without the password grant and with the public front-end URL.
`;

export function renderRealmImport(root = repoRoot) {
  const realmExport = JSON.parse(readFileSync(realmFile(root), "utf8"));
  return buildRealmImport(realmExport);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const expected = renderRealmImport();
  const target = outputFile();
  if (process.argv.includes("--check")) {
    const [actual] = loadYamlFile(target);
    if (!deepEqual(actual, expected)) {
      console.error(`${target} is out of date: ${firstDifference(actual, expected)}`);
      process.exit(1);
    }
    console.log(`${target} is up to date`);
  } else {
    writeFileSync(target, HEADER + yaml.dump(expected, { lineWidth: 100, noRefs: true }));
    console.log(`wrote ${target}`);
  }
}
