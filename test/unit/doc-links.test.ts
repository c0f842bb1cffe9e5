// Every relative link in README.md and docs/ points at a file that exists, and an anchor at a
// heading of that file (GitHub's slugs), so moving or renaming a page cannot leave a dead link.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const pages = ["README.md", ...readdirSync("docs").filter((name) => name.endsWith(".md")).map((name) => join("docs", name))];

/** Links outside fenced code blocks: [text](target) and ![alt](target). */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

function anchorsOf(path: string): Set<string> {
  const headings = readFileSync(path, "utf8").replace(/```[\s\S]*?```/g, "").match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slug(heading.replace(/^#+ /, ""))));
}

function brokenLinks(page: string): string[] {
  return linksOf(readFileSync(page, "utf8")).flatMap((link) => {
    if (/^[a-z]+:/i.test(link)) return []; // http(s), mailto: not checked offline
    const [path, anchor] = link.split("#") as [string, string | undefined];
    const target = path === "" ? page : normalize(join(dirname(page), decodeURIComponent(path)));
    if (!existsSync(target)) return [`${link} (no file ${target})`];
    if (anchor && target.endsWith(".md") && !anchorsOf(target).has(anchor)) return [`${link} (no heading #${anchor} in ${target})`];
    return [];
  });
}

describe("documentation links", () => {
  it("README.md and docs/ exist and link to each other", () => {
    expect(pages.length).toBeGreaterThan(5);
    expect(linksOf(readFileSync("README.md", "utf8"))).toContain("docs/architecture.md");
  });

  it.each(pages)("%s: every relative link resolves", (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it("a broken link or anchor is reported", () => {
    expect(linksOf("see [a](docs/none.md) and ```\n[b](ignored.md)\n```")).toEqual(["docs/none.md"]);
    expect(slug("Cost estimates for tech specs")).toBe("cost-estimates-for-tech-specs");
    expect(slug("Access: who may see and change what")).toBe("access-who-may-see-and-change-what");
  });
});
