// The ownership file a company keeps in git: org tree, owner-tag spellings, account owners.
// Validation is whole-file: any problem rejects it with the file, line and field.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseDocument, LineCounter, isNode } from "yaml";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be a lowercase slug (a-z, 0-9, -)");

const teamSchema = z.object({
  id: slug,
  name: z.string().min(1),
  slack: z.string().optional(),
  tagValues: z.array(z.string().min(1)).default([]),
});
const groupSchema = z.object({ id: slug, name: z.string().min(1), teams: z.array(teamSchema).min(1) });
const orgSchema = z.object({ id: slug, name: z.string().min(1), groups: z.array(groupSchema).min(1) });

const ownershipSchema = z.object({
  ownerTagKeys: z.array(z.string().min(1)).min(1).default(["team", "Team", "owner"]),
  orgs: z.array(orgSchema).min(1),
  accounts: z
    .array(z.object({ id: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"), owner: slug.optional() }))
    .default([]),
});

export type Ownership = z.infer<typeof ownershipSchema>;

export class OwnershipFileError extends Error {}

export function readOwnershipFile(path: string): Ownership {
  return parseOwnership(readFileSync(path, "utf8"), basename(path));
}

export function parseOwnership(text: string, fileName: string): Ownership {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    throw new OwnershipFileError(`${fileName} line ${error.linePos?.[0].line ?? "?"}: ${error.message.split("\n")[0]}`);
  }
  const lineOf = (path: (string | number)[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const fail = (path: (string | number)[], message: string): never => {
    throw new OwnershipFileError(`${fileName} line ${lineOf(path)}, field ${path.join(".")}: ${message}`);
  };

  const parsed = ownershipSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path as (string | number)[], issue.message);
  }
  const ownership = parsed.data;

  const ids = new Set<string>();
  const tagValueOwner = new Map<string, string>();
  ownership.orgs.forEach((org, o) => {
    if (ids.has(org.id)) fail(["orgs", o, "id"], `"${org.id}" is used twice`);
    ids.add(org.id);
    org.groups.forEach((group, g) => {
      if (ids.has(group.id)) fail(["orgs", o, "groups", g, "id"], `"${group.id}" is used twice`);
      ids.add(group.id);
      group.teams.forEach((team, t) => {
        const at = ["orgs", o, "groups", g, "teams", t];
        if (ids.has(team.id) || team.id === "unattributed") fail([...at, "id"], `"${team.id}" is used twice or reserved`);
        ids.add(team.id);
        [team.id, ...team.tagValues].forEach((value) => {
          const key = value.trim().toLowerCase();
          const other = tagValueOwner.get(key);
          if (other && other !== team.id) fail([...at, "tagValues"], `tag value "${value}" already means team "${other}"`);
          tagValueOwner.set(key, team.id);
        });
      });
    });
  });
  const teamIds = new Set(ownership.orgs.flatMap((org) => org.groups.flatMap((group) => group.teams.map((team) => team.id))));
  const accountIds = new Set<string>();
  ownership.accounts.forEach((account, a) => {
    if (accountIds.has(account.id)) fail(["accounts", a, "id"], `account ${account.id} is listed twice`);
    accountIds.add(account.id);
    if (account.owner && !teamIds.has(account.owner)) fail(["accounts", a, "owner"], `unknown team "${account.owner}"`);
  });
  return ownership;
}
