// Offline validation of rendered Kubernetes objects with `kubernetes-models`.
//
// The models' compiled validators check types and required fields but let unknown
// fields through (a misspelt `readOnlyRootFileSystem` would be silently dropped by
// the API server). So the objects are also walked against the models' TypeScript
// declarations with the TypeScript checker: every key must be a declared property.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

// apiVersion/kind -> module under kubernetes-models (core group lives under v1/).
export const MODELS = {
  'v1/ConfigMap': 'v1/ConfigMap',
  'v1/Service': 'v1/Service',
  'v1/ServiceAccount': 'v1/ServiceAccount',
  'v1/Pod': 'v1/Pod',
  'v1/PersistentVolumeClaim': 'v1/PersistentVolumeClaim',
  'v1/Secret': 'v1/Secret',
  'apps/v1/Deployment': 'apps/v1/Deployment',
  'batch/v1/Job': 'batch/v1/Job',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling/v2/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget': 'policy/v1/PodDisruptionBudget',
};

const keyOf = (obj) => `${obj.apiVersion}/${obj.kind}`;

/** Runs the model's own validator; throws with the validator's message. */
export function validateWithModel(obj) {
  const mod = MODELS[keyOf(obj)];
  if (!mod) throw new Error(`no kubernetes-models class registered for ${keyOf(obj)}`);
  const exports = require(`kubernetes-models/${mod}`);
  const Model = exports[obj.kind];
  new Model(obj).validate();
}

/**
 * Builds a checker over the models' .d.ts files once, and returns
 * unknownFields(obj) -> list of JSON paths of keys the declarations do not have.
 */
export function createFieldChecker(repoRoot) {
  const ts = require(require.resolve('typescript', { paths: [repoRoot] }));
  const entries = Object.entries(MODELS);
  const virtualFile = path.join(repoRoot, '__k8s_models_types__.ts');
  const source =
    entries
      .map(([, mod], i) => `import type { I${path.basename(mod)} as T${i} } from 'kubernetes-models/${mod}';`)
      .join('\n') +
    '\n' +
    entries.map((_, i) => `export declare const v${i}: T${i};`).join('\n') +
    '\n';
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f === virtualFile || fileExists.call(host, f);
  host.readFile = (f) => (f === virtualFile ? source : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) =>
    f === virtualFile ? ts.createSourceFile(f, source, lang) : getSourceFile.call(host, f, lang, ...rest);
  const program = ts.createProgram([virtualFile], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === virtualFile);
  if (diagnostics.length) {
    throw new Error(
      'cannot load kubernetes-models types: ' +
        diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; '),
    );
  }
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(virtualFile);
  const rootTypes = new Map();
  let i = 0;
  for (const stmt of sf.statements) {
    if (ts.isVariableStatement(stmt)) {
      const decl = stmt.declarationList.declarations[0];
      rootTypes.set(entries[i++][0], checker.getTypeAtLocation(decl.name));
    }
  }

  const isPrimitive = (t) =>
    (t.flags &
      (ts.TypeFlags.StringLike |
        ts.TypeFlags.NumberLike |
        ts.TypeFlags.BooleanLike |
        ts.TypeFlags.Null |
        ts.TypeFlags.Undefined |
        ts.TypeFlags.BigIntLike)) !==
    0;
  const isAny = (t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;

  function walk(value, type, at, out) {
    if (value === null || typeof value !== 'object' || isAny(type)) return;
    // Unions (optional props, IntOrString, ...): keep the object-like members.
    const members = type.isUnion() ? type.types.filter((t) => !isPrimitive(t)) : [type];
    if (members.length === 0) {
      out.push(`${at} (object where a scalar is declared)`);
      return;
    }
    if (members.some(isAny)) return;
    if (Array.isArray(value)) {
      const arr = members.find((t) => checker.isArrayType(t) || checker.isTupleType(t));
      if (!arr) {
        out.push(`${at} (array where an object is declared)`);
        return;
      }
      const [elem] = checker.getTypeArguments(arr);
      value.forEach((v, idx) => walk(v, elem, `${at}[${idx}]`, out));
      return;
    }
    const objType = members.find((t) => !checker.isArrayType(t)) ?? members[0];
    const indexType = checker.getIndexTypeOfType(objType, ts.IndexKind.String);
    for (const [key, v] of Object.entries(value)) {
      const prop = checker.getPropertyOfType(objType, key);
      if (prop) walk(v, checker.getTypeOfSymbol(prop), `${at}.${key}`, out);
      else if (indexType) walk(v, indexType, `${at}.${key}`, out);
      else out.push(`${at}.${key}`);
    }
  }

  return function unknownFields(obj) {
    const type = rootTypes.get(keyOf(obj));
    if (!type) throw new Error(`no declarations for ${keyOf(obj)}`);
    const out = [];
    walk(obj, type, '$', out);
    return out;
  };
}
