// Imports flow one way: web -> api -> jobs -> db. A folder imports from itself and the folders
// below it, never above, so db/ holds no domain logic it cannot see and a route never reaches into
// the page. The web bundle runs in the browser: it takes only types from the server folders.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const LAYERS = ["db", "jobs", "api", "web"] as const;
type Layer = (typeof LAYERS)[number];

interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "dist" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Static imports and re-exports, `import("x")` calls and `import("x").T` types, with their line. */
function importsOf(file: string): ImportSite[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    sites.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, specifier: specifier.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require")))
      add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The top-level folder a relative specifier lands in; null for packages (and node: built-ins). */
function targetFolder(site: ImportSite): string | null {
  if (!site.specifier.startsWith(".")) return null;
  return relative(process.cwd(), resolve(dirname(site.file), site.specifier)).split(/[\\/]/)[0]!;
}

/** Why an import goes against the flow, or null when it follows it. */
function violation(from: Layer, site: ImportSite): string | null {
  const target = targetFolder(site);
  if (target === null || target === from) return null;
  if (target === "package.json") return null; // the app's own manifest (its version), not a layer
  const rank = LAYERS.indexOf(target as Layer);
  if (rank < 0) return `imports ${target}/, which is not part of the app`;
  if (rank > LAYERS.indexOf(from)) return `${from}/ imports ${target}/, which sits above it`;
  if (from === "web" && !site.typeOnly) return `web/ takes only types from ${target}/ (use import type)`;
  return null;
}

function violations(): string[] {
  return LAYERS.flatMap((layer) =>
    sourceFiles(layer).flatMap((file) =>
      importsOf(file).flatMap((site) => {
        const why = violation(layer, site);
        return why ? [`${file}:${site.line} "${site.specifier}": ${why}`] : [];
      }),
    ),
  );
}

describe("import direction (web -> api -> jobs -> db)", () => {
  it("finds the imports it checks, static, dynamic and type-only", () => {
    const sites = sourceFiles("api").flatMap(importsOf);
    expect(sites.some((site) => targetFolder(site) === "jobs")).toBe(true);
    expect(sites.some((site) => targetFolder(site) === "db")).toBe(true);
    expect(sourceFiles("web").flatMap(importsOf).some((site) => site.typeOnly && targetFolder(site) === "api")).toBe(true);
  });

  it("flags an import against the direction, naming file, line and path", () => {
    const site = { file: join("db", "queries", "x.ts"), line: 3, specifier: "../../jobs/attribution/rule-match", typeOnly: true };
    expect(violation("db", site)).toBe("db/ imports jobs/, which sits above it");
    expect(violation("jobs", { ...site, file: join("jobs", "x", "y.ts"), specifier: "../../api/app" })).toBe("jobs/ imports api/, which sits above it");
    expect(violation("api", { ...site, file: join("api", "y.ts"), specifier: "../web/src/main" })).toBe("api/ imports web/, which sits above it");
    expect(violation("web", { ...site, file: join("web", "src", "y.ts"), specifier: "../../api/app", typeOnly: false })).toMatch(/only types/);
    expect(violation("api", { ...site, file: join("api", "y.ts"), specifier: "../db/client" })).toBeNull();
    expect(violation("db", { ...site, specifier: "drizzle-orm" })).toBeNull();
    expect(violation("api", { ...site, file: join("api", "routes", "y.ts"), specifier: "../../package.json" })).toBeNull();
    expect(violation("api", { ...site, file: join("api", "y.ts"), specifier: "../test/support/x" })).toBe("imports test/, which is not part of the app");
  });

  it("no file in db/, jobs/, api/ or web/ imports against the direction", () => {
    expect(violations()).toEqual([]);
  });
});
