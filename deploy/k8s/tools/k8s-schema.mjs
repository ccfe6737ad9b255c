// Schema checks of built-in Kubernetes objects with the pinned npm package kubernetes-models:
//   - its validators (JSON Schema of the Kubernetes OpenAPI: types, required fields, enums);
//   - unknown fields: the OpenAPI schema allows any extra field, and so would the API server
//     (dropping it with a warning at best), so a typo such as "readinesProbe" would go unnoticed.
//     The field names come from the package's TypeScript declarations (.d.ts), one interface per
//     schema, e.g. `"livenessProbe"?: IIoK8sApiCoreV1Probe;`.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isPlainObject, toolsDir } from "./lib.mjs";

const modelsDir = join(toolsDir, "node_modules", "kubernetes-models");
const apimachineryDir = join(toolsDir, "node_modules", "@kubernetes-models", "apimachinery");

/** apiVersion -> folder in kubernetes-models, for the kinds this deployment uses. */
function modelFile(apiVersion, kind) {
  const dir = apiVersion === "v1" ? "v1" : apiVersion; // "apps/v1", "networking.k8s.io/v1", ...
  const file = join(modelsDir, dir, `${kind}.js`);
  return existsSync(file) ? file : null;
}

export function isBuiltIn(obj) {
  return modelFile(obj.apiVersion, obj.kind) !== null;
}

const validators = new Map();

/** Problems of one built-in object (empty list if none); null if kubernetes-models has no model. */
export async function validateBuiltIn(obj) {
  const file = modelFile(obj.apiVersion, obj.kind);
  if (!file) return null;
  let Model = validators.get(file);
  if (!Model) {
    Model = (await import(pathToFileURL(file).href))[obj.kind];
    validators.set(file, Model);
  }
  const problems = [];
  try {
    new Model(obj).validate();
  } catch (e) {
    for (const line of String(e.message).split("\n")) if (line.trim()) problems.push(line.trim());
  }
  const dts = file.replace(/\.js$/, ".d.ts");
  const localName = `I${obj.kind}`;
  walk(obj, { file: dts, name: localName }, "", problems);
  return problems;
}

// --- the .d.ts reader -------------------------------------------------------------------------

const files = new Map(); // .d.ts path -> { imports: Map(alias -> path), aliases: Map, interfaces: Map }

function resolveImport(fromFile, spec) {
  let base;
  if (spec.startsWith(".")) base = resolve(dirname(fromFile), spec);
  else if (spec.startsWith("@kubernetes-models/apimachinery/")) {
    base = join(apimachineryDir, spec.slice("@kubernetes-models/apimachinery/".length));
  } else if (spec.startsWith("kubernetes-models/")) base = join(modelsDir, spec.slice("kubernetes-models/".length));
  else return null;
  base = base.replace(/\.js$/, "");
  for (const candidate of [`${base}.d.ts`, join(base, "index.d.ts")]) if (existsSync(candidate)) return candidate;
  return null;
}

function readDts(file) {
  let info = files.get(file);
  if (info) return info;
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  info = { imports: new Map(), aliases: new Map(), interfaces: new Map() };
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    const path = resolveImport(file, m[2]);
    for (const name of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
      const [orig, as] = name.split(/\s+as\s+/);
      if (path) info.imports.set((as ?? orig).trim(), { path, name: orig.trim() });
    }
  }
  for (const m of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const [local, alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      if (alias) info.aliases.set(alias, local);
    }
  }
  const re = /export interface (\w+)(?:\s+extends\s+[\w, ]+)?\s*\{/g;
  let m;
  while ((m = re.exec(text))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    }
    info.interfaces.set(m[1], parseProps(text.slice(re.lastIndex, i - 1)));
  }
  files.set(file, info);
  return info;
}

/** `"name"?: Type;` members of an interface body -> Map(name -> type text). */
function parseProps(body) {
  const props = new Map();
  const re = /"([^"]+)"\??:\s*/g;
  let m;
  while ((m = re.exec(body))) {
    let depth = 0;
    let i = re.lastIndex;
    for (; i < body.length; i++) {
      const c = body[i];
      if (c === "{" || c === "<" || c === "(") depth++;
      else if (c === "}" || c === ">" || c === ")") depth--;
      else if (c === ";" && depth === 0) break;
    }
    props.set(m[1], body.slice(re.lastIndex, i).trim());
    re.lastIndex = i + 1;
  }
  return props;
}

/** A type reference in `file` -> { file, name } of an interface, or null for scalars and aliases. */
function resolveType(file, typeName) {
  const info = readDts(file);
  if (info.interfaces.has(typeName)) return { file, name: typeName };
  const local = info.aliases.get(typeName);
  if (local && info.interfaces.has(local)) return { file, name: local };
  const imp = info.imports.get(typeName);
  if (imp) return resolveType(imp.path, imp.name);
  return null;
}

function walk(value, ref, path, problems) {
  if (!ref || !isPlainObject(value)) return;
  const props = readDts(ref.file).interfaces.get(ref.name);
  if (!props) return;
  for (const [key, child] of Object.entries(value)) {
    const type = props.get(key);
    if (type === undefined) {
      problems.push(`${path}/${key}: unknown field (not in the Kubernetes API schema)`);
      continue;
    }
    walkType(child, type, ref.file, `${path}/${key}`, problems);
  }
}

function walkType(value, type, file, path, problems) {
  let m;
  if ((m = /^Array<(.+)>$/s.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => walkType(v, m[1].trim(), file, `${path}/${i}`, problems));
  } else if ((m = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(type))) {
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) walkType(v, m[1].trim(), file, `${path}/${k}`, problems);
    }
  } else if (/^\w+$/.test(type)) {
    walk(value, resolveType(file, type), path, problems);
  }
}
