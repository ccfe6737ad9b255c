// Shared helpers of the deploy/k8s checks: where things are, and the pinned npm tools.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const toolsSrcDir = dirname(fileURLToPath(import.meta.url));
/** deploy/k8s */
export const k8sDir = resolve(toolsSrcDir, "..");
/** Where check.sh installs the npm tools (npm ci of tools/package-lock.json). */
export const toolsDir = resolve(process.env.K8S_CHECK_TOOLS || join(k8sDir, ".tools"));

export function requireTool(name) {
  const pkg = join(toolsDir, "package.json");
  if (!existsSync(join(toolsDir, "node_modules", name))) {
    throw new Error(`npm tool ${name} is not installed in ${toolsDir}; run deploy/k8s/check.sh`);
  }
  return createRequire(pkg)(name);
}

export const yaml = requireTool("js-yaml");

/** All documents of a YAML file (empty documents dropped). Throws with the file name on errors. */
export function loadYamlFile(file) {
  const text = readFileSync(file, "utf8");
  return yaml.loadAll(text, null, { filename: file }).filter((d) => d !== null && d !== undefined);
}

export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function deepClone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** Structural equality of JSON-like values (object key order ignored). */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** First difference between two JSON-like values, as "path: a vs b", or null. */
export function firstDifference(a, b, path = "") {
  if (deepEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || "."}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v) => (v === undefined ? "(absent)" : JSON.stringify(v)?.slice(0, 120));
  return `${path || "."}: ${show(a)} vs ${show(b)}`;
}
