// A small, strict kustomize: builds a kustomization directory into a list of objects without
// kubectl, for the offline checks. It implements the subset of kustomize this repository uses and
// refuses everything else (an unsupported field is an error, never silently ignored):
//   resources (files and directories), namespace, labels (includeSelectors: false), commonLabels,
//   commonAnnotations, configMapGenerator (literals, envs, files; options), generatorOptions,
//   patches (strategic merge or JSON 6902, from path or inline, with or without target),
//   replicas, images, replacements, the local-config annotation, and content-hash suffixes for
//   generated ConfigMaps with the references to them rewritten.
// Transformations run in kustomize's order: patches, namespace, labels, annotations, replicas,
// images, replacements; hash suffixes once at the end of the top-level build. The hash is not
// kustomize's own algorithm; compare names without it (see stripHash).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { deepClone, isPlainObject, loadYamlFile, yaml } from "./lib.mjs";

export const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const SUPPORTED = new Set([
  "apiVersion", "kind", "metadata", "resources", "namespace", "labels", "commonLabels",
  "commonAnnotations", "configMapGenerator", "generatorOptions", "patches", "replicas", "images",
  "replacements",
]);
const CLUSTER_SCOPED = new Set([
  "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
  "StorageClass", "IngressClass", "PriorityClass", "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration", "APIService",
]);
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);
const LOCAL_CONFIG = "config.kubernetes.io/local-config";

/** Where an object came from, for messages. */
export const origin = new WeakMap();

export class KustomizeError extends Error {}

export function findKustomization(dir) {
  for (const n of KUSTOMIZATION_NAMES) {
    const f = join(dir, n);
    if (existsSync(f)) return f;
  }
  return null;
}

export function readKustomization(dir) {
  const file = findKustomization(dir);
  if (!file) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const docs = loadYamlFile(file);
  if (docs.length !== 1 || !isPlainObject(docs[0])) throw new KustomizeError(`${file}: expected one YAML mapping`);
  return { file, k: docs[0] };
}

/** Every file a kustomization refers to: [{ field, path (absolute), kind: "file"|"dir"|"any" }]. */
export function referencedPaths(dir, k) {
  const refs = [];
  for (const r of k.resources ?? []) refs.push({ field: "resources", path: resolve(dir, r), kind: "any" });
  for (const p of k.patches ?? []) if (p.path) refs.push({ field: "patches", path: resolve(dir, p.path), kind: "file" });
  for (const g of k.configMapGenerator ?? []) {
    for (const e of g.envs ?? []) refs.push({ field: "configMapGenerator.envs", path: resolve(dir, e), kind: "file" });
    for (const f of g.files ?? []) {
      const src = String(f).includes("=") ? String(f).split("=").slice(1).join("=") : String(f);
      refs.push({ field: "configMapGenerator.files", path: resolve(dir, src), kind: "file" });
    }
  }
  for (const r of k.replacements ?? []) if (r.path) refs.push({ field: "replacements", path: resolve(dir, r.path), kind: "file" });
  return refs;
}

export function build(dir, { top = true } = {}) {
  const { file, k } = readKustomization(dir);
  const where = (msg) => new KustomizeError(`${relative(process.cwd(), file)}: ${msg}`);
  for (const key of Object.keys(k)) if (!SUPPORTED.has(key)) throw where(`field "${key}" is not supported by the offline renderer`);
  if (k.kind && !["Kustomization"].includes(k.kind)) throw where(`kind ${k.kind} is not supported`);

  // 1. resources
  let objs = [];
  for (const r of k.resources ?? []) {
    if (/^[a-z]+:\/\//i.test(r) || r.startsWith("github.com/")) throw where(`remote resource ${r} is not supported`);
    const path = resolve(dir, r);
    if (!existsSync(path)) throw where(`resource ${r} does not exist`);
    if (statSync(path).isDirectory()) objs.push(...build(path, { top: false }));
    else {
      for (const doc of loadYamlFile(path)) {
        if (!isPlainObject(doc) || !doc.kind || !doc.apiVersion || !doc.metadata?.name) {
          throw where(`${r}: every document needs apiVersion, kind and metadata.name`);
        }
        origin.set(doc, relative(process.cwd(), path));
        objs.push(doc);
      }
    }
  }

  // 2. generators
  const genOpts = k.generatorOptions ?? {};
  for (const g of k.configMapGenerator ?? []) {
    for (const key of Object.keys(g)) {
      if (!["name", "namespace", "behavior", "literals", "envs", "files", "options"].includes(key)) throw where(`configMapGenerator.${key} is not supported`);
    }
    if (g.behavior && g.behavior !== "create") throw where(`configMapGenerator behavior ${g.behavior} is not supported`);
    const data = {};
    const put = (key, value, src) => {
      if (Object.hasOwn(data, key)) throw where(`configMapGenerator ${g.name}: key ${key} twice (${src})`);
      data[key] = value;
    };
    for (const lit of g.literals ?? []) {
      const i = String(lit).indexOf("=");
      if (i <= 0) throw where(`configMapGenerator ${g.name}: literal "${lit}" is not KEY=VALUE`);
      put(lit.slice(0, i), stripQuotes(lit.slice(i + 1)), "literals");
    }
    for (const env of g.envs ?? []) {
      const text = readFileSync(resolve(dir, env), "utf8");
      for (const line of text.split("\n")) {
        if (!line.trim() || line.trim().startsWith("#")) continue;
        const i = line.indexOf("=");
        if (i <= 0) throw where(`${env}: line "${line}" is not KEY=VALUE`);
        put(line.slice(0, i).trim(), line.slice(i + 1), env);
      }
    }
    for (const f of g.files ?? []) {
      const [key, src] = String(f).includes("=") ? [f.split("=")[0], f.split("=").slice(1).join("=")] : [basename(f), f];
      put(key, readFileSync(resolve(dir, src), "utf8"), src);
    }
    const options = { ...genOpts, ...(g.options ?? {}) };
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: g.name }, data };
    if (g.namespace) cm.metadata.namespace = g.namespace;
    if (options.labels) cm.metadata.labels = { ...options.labels };
    if (options.annotations) cm.metadata.annotations = { ...options.annotations };
    origin.set(cm, `${relative(process.cwd(), file)} (configMapGenerator ${g.name})`);
    generated.set(cm, { hash: options.disableNameSuffixHash !== true, baseName: g.name });
    objs.push(cm);
  }

  // 3. transformers
  for (const p of k.patches ?? []) objs = applyPatch(objs, p, dir, where);
  if (k.namespace) {
    for (const o of objs) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  if (k.commonLabels) addLabels(objs, k.commonLabels, { templates: true, selectors: true }, where);
  for (const l of k.labels ?? []) {
    for (const key of Object.keys(l)) if (!["pairs", "includeSelectors", "includeTemplates"].includes(key)) throw where(`labels.${key} is not supported`);
    addLabels(objs, l.pairs ?? {}, { templates: !!l.includeTemplates, selectors: !!l.includeSelectors }, where);
  }
  if (k.commonAnnotations) {
    for (const o of objs) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), ...k.commonAnnotations };
  }
  for (const r of k.replicas ?? []) {
    const hits = objs.filter((o) => o.metadata.name === r.name && ["Deployment", "StatefulSet", "ReplicaSet"].includes(o.kind));
    if (hits.length === 0) throw where(`replicas: no Deployment/StatefulSet named ${r.name}`);
    for (const o of hits) o.spec.replicas = r.count;
  }
  for (const img of k.images ?? []) applyImage(objs, img, where);
  for (const r of k.replacements ?? []) applyReplacement(objs, r, dir, where);

  // 4. the end of the top-level build
  if (top) {
    objs = objs.filter((o) => o.metadata.annotations?.[LOCAL_CONFIG] !== "true");
    hashGeneratedNames(objs);
  }
  return objs;
}

const generated = new WeakMap();

function stripQuotes(v) {
  return /^".*"$|^'.*'$/.test(v) ? v.slice(1, -1) : v;
}

/** Name without a kustomize content-hash suffix (generated ConfigMaps/Secrets). */
export function stripHash(name) {
  return name.replace(/-[a-z0-9]{10}$/, "");
}

// --- labels ---------------------------------------------------------------------------------------

function addLabels(objs, pairs, { templates, selectors }, where) {
  if (selectors) throw where("labels with includeSelectors (or commonLabels) are not supported: selectors are immutable");
  for (const o of objs) {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), ...pairs };
    if (templates && WORKLOADS.has(o.kind) && o.spec?.template) {
      o.spec.template.metadata ??= {};
      o.spec.template.metadata.labels = { ...(o.spec.template.metadata.labels ?? {}), ...pairs };
    }
  }
}

// --- patches --------------------------------------------------------------------------------------

function selectTargets(objs, t, where, what) {
  for (const key of Object.keys(t)) {
    if (!["kind", "name", "namespace", "group", "version"].includes(key)) throw where(`${what}: target.${key} is not supported`);
  }
  return objs.filter((o) => {
    const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
    return (!t.kind || o.kind === t.kind) && (!t.name || o.metadata.name === t.name)
      && (!t.namespace || o.metadata.namespace === t.namespace)
      && (t.group === undefined || group === t.group) && (!t.version || version === t.version);
  });
}

function applyPatch(objs, p, dir, where) {
  for (const key of Object.keys(p)) if (!["path", "patch", "target", "options"].includes(key)) throw where(`patches.${key} is not supported`);
  if (p.options) throw where("patches.options are not supported");
  const what = p.path ? `patch ${p.path}` : "inline patch";
  const docs = p.path ? loadYamlFile(resolve(dir, p.path)) : yaml.loadAll(p.patch);
  if (docs.length !== 1) throw where(`${what}: expected exactly one patch document`);
  const patch = docs[0];
  if (Array.isArray(patch)) {
    if (!p.target) throw where(`${what}: a JSON 6902 patch needs a target`);
    const targets = selectTargets(objs, p.target, where, what);
    if (targets.length === 0) throw where(`${what}: target matches nothing`);
    for (const o of targets) applyJson6902(o, patch, (m) => where(`${what} on ${o.kind}/${o.metadata.name}: ${m}`));
    return objs;
  }
  if (!isPlainObject(patch)) throw where(`${what}: neither a strategic merge patch nor a JSON 6902 list`);
  const targets = p.target
    ? selectTargets(objs, p.target, where, what)
    : objs.filter((o) => o.kind === patch.kind && o.metadata.name === patch.metadata?.name
      && (!patch.metadata?.namespace || patch.metadata.namespace === o.metadata.namespace));
  if (targets.length === 0) throw where(`${what}: no ${patch.kind}/${patch.metadata?.name} to patch`);
  return objs.map((o) => {
    if (!targets.includes(o)) return o;
    const body = deepClone(patch);
    if (p.target) { delete body.metadata?.name; }
    const merged = strategicMerge(o, body, [o.kind], BUILT_IN_KINDS.has(o.kind), (m) => where(`${what}: ${m}`));
    origin.set(merged, origin.get(o));
    if (generated.has(o)) generated.set(merged, generated.get(o));
    return merged;
  });
}

// Built-in kinds whose lists merge by key; custom resources' lists are replaced as a whole
// (what kustomize does without an OpenAPI schema for them).
const BUILT_IN_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "Service", "ConfigMap", "Secret", "Ingress", "PodDisruptionBudget", "Namespace"]);
const MERGE_KEYS = {
  containers: "name", initContainers: "name", env: "name", volumes: "name", volumeMounts: "mountPath",
  imagePullSecrets: "name", ports: null, // container ports by containerPort, service ports by port
};

function strategicMerge(target, patch, path, builtIn, err) {
  if (!isPlainObject(target) || !isPlainObject(patch)) return deepClone(patch);
  const out = deepClone(target);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) throw err(`directive ${key} is not supported`);
    if (value === null) { delete out[key]; continue; }
    if (Array.isArray(value)) {
      const mergeKey = builtIn ? listMergeKey(key, value, path) : undefined;
      out[key] = mergeKey && Array.isArray(out[key]) ? mergeList(out[key], value, mergeKey, [...path, key], err) : deepClone(value);
    } else if (isPlainObject(value)) {
      out[key] = isPlainObject(out[key]) ? strategicMerge(out[key], value, [...path, key], builtIn, err) : deepClone(value);
    } else out[key] = value;
  }
  return out;
}

function listMergeKey(key, list, path) {
  if (!(key in MERGE_KEYS)) return undefined;
  if (key === "ports") return path.includes("containers") || path.includes("initContainers") ? "containerPort" : "port";
  return MERGE_KEYS[key];
}

function mergeList(target, patch, key, path, err) {
  const out = deepClone(target);
  for (const item of patch) {
    if (!isPlainObject(item) || item[key] === undefined) throw err(`list ${path.join(".")}: item without ${key}`);
    const i = out.findIndex((t) => t[key] === item[key]);
    if (i >= 0) out[i] = strategicMerge(out[i], item, path, true, err);
    else out.push(deepClone(item));
  }
  return out;
}

function applyJson6902(obj, ops, err) {
  for (const op of ops) {
    if (!["add", "replace", "remove", "test"].includes(op.op)) throw err(`JSON 6902 op ${op.op} is not supported`);
    const parts = String(op.path).split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = parts.pop();
    let parent = obj;
    for (const p of parts) {
      parent = Array.isArray(parent) ? parent[Number(p)] : parent?.[p];
      if (parent === undefined) throw err(`path ${op.path} does not exist`);
    }
    if (op.op === "test") {
      const cur = Array.isArray(parent) ? parent[Number(last)] : parent[last];
      if (JSON.stringify(cur) !== JSON.stringify(op.value)) throw err(`test of ${op.path} failed`);
    } else if (Array.isArray(parent)) {
      const i = last === "-" ? parent.length : Number(last);
      if (op.op === "add") {
        if (!(i >= 0 && i <= parent.length)) throw err(`index ${last} out of range in ${op.path}`);
        parent.splice(i, 0, deepClone(op.value));
      } else {
        if (!(i >= 0 && i < parent.length)) throw err(`index ${last} out of range in ${op.path}`);
        if (op.op === "replace") parent[i] = deepClone(op.value); else parent.splice(i, 1);
      }
    } else if (isPlainObject(parent)) {
      if (op.op !== "add" && !Object.hasOwn(parent, last)) throw err(`path ${op.path} does not exist`);
      if (op.op === "remove") delete parent[last]; else parent[last] = deepClone(op.value);
    } else throw err(`path ${op.path} does not exist`);
  }
}

// --- images ---------------------------------------------------------------------------------------

function applyImage(objs, img, where) {
  for (const key of Object.keys(img)) if (!["name", "newName", "newTag", "digest"].includes(key)) throw where(`images.${key} is not supported`);
  let hits = 0;
  for (const o of objs) {
    const spec = o.spec?.template?.spec;
    if (!spec) continue;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const m = /^([^@:]+(?::\d+\/[^@:]+)?)(?::([^@]+))?(?:@(.+))?$/.exec(c.image ?? "");
      if (!m || m[1] !== img.name) continue;
      hits++;
      const name = img.newName ?? m[1];
      c.image = img.digest ? `${name}@${img.digest}` : `${name}${img.newTag ?? m[2] ? `:${img.newTag ?? m[2]}` : ""}`;
    }
  }
  if (hits === 0) throw where(`images: no container uses image ${img.name}`);
}

// --- replacements ---------------------------------------------------------------------------------

function applyReplacement(objs, r, dir, where) {
  if (r.path) throw where("replacements from a path are not supported");
  const s = r.source ?? {};
  for (const key of Object.keys(s)) if (!["kind", "name", "namespace", "group", "version", "fieldPath", "options"].includes(key)) throw where(`replacements.source.${key} is not supported`);
  const sources = selectTargets(objs, { kind: s.kind, name: s.name, namespace: s.namespace, group: s.group, version: s.version }, where, "replacement source");
  if (sources.length !== 1) throw where(`replacement source ${s.kind}/${s.name} matches ${sources.length} objects`);
  let value = getField(sources[0], s.fieldPath ?? "metadata.name");
  if (value === undefined) throw where(`replacement source ${s.kind}/${s.name} has no ${s.fieldPath}`);
  if (s.options?.delimiter !== undefined) value = String(value).split(s.options.delimiter)[s.options.index ?? 0];
  for (const t of r.targets ?? []) {
    for (const key of Object.keys(t)) if (!["select", "fieldPaths", "options"].includes(key)) throw where(`replacements.targets.${key} is not supported`);
    const targets = selectTargets(objs, t.select ?? {}, where, "replacement target");
    if (targets.length === 0) throw where(`replacement target ${t.select?.kind}/${t.select?.name} matches nothing`);
    for (const o of targets) {
      for (const fp of t.fieldPaths ?? []) {
        const cur = getField(o, fp);
        if (cur === undefined && !t.options?.create) throw where(`replacement target ${o.kind}/${o.metadata.name} has no ${fp}`);
        let next = value;
        if (t.options?.delimiter !== undefined) {
          const parts = String(cur ?? "").split(t.options.delimiter);
          const i = t.options.index ?? 0;
          if (i >= parts.length) throw where(`replacement target ${o.kind}/${o.metadata.name} ${fp}: no part ${i} in "${cur}"`);
          parts[i] = value;
          next = parts.join(t.options.delimiter);
        }
        setField(o, fp, next, where);
      }
    }
  }
}

function fieldSegments(fp) {
  const segs = [];
  for (const m of fp.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) segs.push(m[1] !== undefined ? { select: m[1] } : { key: m[2] });
  return segs;
}

function step(node, seg) {
  if (seg.select !== undefined) {
    const [k, v] = seg.select.split("=");
    return Array.isArray(node) ? node.find((e) => isPlainObject(e) && String(e[k]) === v) : undefined;
  }
  if (Array.isArray(node) && /^\d+$/.test(seg.key)) return node[Number(seg.key)];
  return isPlainObject(node) ? node[seg.key] : undefined;
}

export function getField(obj, fp) {
  let node = obj;
  for (const seg of fieldSegments(fp)) {
    node = step(node, seg);
    if (node === undefined) return undefined;
  }
  return node;
}

function setField(obj, fp, value, where) {
  const segs = fieldSegments(fp);
  const last = segs.pop();
  let node = obj;
  for (const seg of segs) {
    node = step(node, seg);
    if (node === undefined) throw where(`cannot set ${fp}`);
  }
  if (Array.isArray(node) && /^\d+$/.test(last.key)) node[Number(last.key)] = value;
  else if (isPlainObject(node) && last.key !== undefined) node[last.key] = value;
  else throw where(`cannot set ${fp}`);
}

// --- hash suffixes --------------------------------------------------------------------------------

function hashGeneratedNames(objs) {
  const renamed = new Map(); // base name -> hashed name
  for (const o of objs) {
    const g = generated.get(o);
    if (!g?.hash) continue;
    const digest = createHash("sha256").update(JSON.stringify({ kind: o.kind, name: o.metadata.name, data: o.data ?? {} })).digest("hex");
    const hashed = `${o.metadata.name}-${digest.replace(/[^a-z0-9]/g, "").slice(0, 10).replace(/[aeiou013]/g, "k")}`;
    renamed.set(o.metadata.name, hashed);
    o.metadata.name = hashed;
  }
  if (renamed.size === 0) return;
  const fix = (ref) => { if (ref && renamed.has(ref.name)) ref.name = renamed.get(ref.name); };
  for (const o of objs) {
    const spec = o.spec?.template?.spec;
    if (!spec) continue;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const e of c.envFrom ?? []) fix(e.configMapRef);
      for (const e of c.env ?? []) fix(e.valueFrom?.configMapKeyRef);
    }
    for (const v of spec.volumes ?? []) {
      fix(v.configMap);
      for (const src of v.projected?.sources ?? []) fix(src.configMap);
    }
  }
}
