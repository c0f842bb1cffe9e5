// AWS-generated cost allocation tag keys, spelled back as Cost Explorer spells them (`aws:eks:cluster-name`)
// from the forms the CUR layouts write them in: the legacy CUR keeps them (`resourceTags/aws:eks:cluster-name`),
// its Athena/Parquet layout lowercases them with underscores (`resource_tags_aws_eks_cluster_name`), and
// CUR 2.0's resource_tags map writes `aws_` and the key, its separators as underscores (`aws_eks_cluster_name`,
// `aws_createdBy`). Ownership rules and cluster attribution read one spelling whatever the layout.

/** The common AWS-generated keys, as Cost Explorer names them (without `aws:`). */
export const AWS_TAGS = [
  "createdBy",
  "cloudformation:stack-name",
  "cloudformation:stack-id",
  "cloudformation:logical-id",
  "autoscaling:groupName",
  "ec2spot:fleet-request-id",
  "ec2launchtemplate:id",
  "ec2launchtemplate:version",
  "elasticmapreduce:job-flow-id",
  "elasticmapreduce:instance-group-role",
  "ecs:clusterName",
  "ecs:serviceName",
  "eks:cluster-name",
  "eks:namespace",
  "eks:workload-name",
  "eks:workload-type",
  "eks:node",
  "batch:compute-environment",
  "batch:job-definition",
  "batch:job-queue",
];

/** As the Athena layout spells a name: `createdBy` -> `created_by`, `stack-name` -> `stack_name`, `ARN` -> `a_r_n`. */
export const athenaName = (name: string) =>
  name
    .replace(/(?<!^)[A-Z]/g, (capital) => `_${capital}`)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "_");

/** Every written form of a known key (as is, separators as underscores, Athena spelling) -> its name. */
export const AWS_TAG_SPELLINGS: ReadonlyMap<string, string> = new Map(
  AWS_TAGS.flatMap((name) => [
    [name, name],
    [name.replace(/[^A-Za-z0-9]/g, "_"), name],
    [athenaName(name), name],
  ]),
);

/** `aws:` and the key a layout wrote after its `aws` prefix: a known key as Cost Explorer spells it, any other as written. */
export const awsTagKey = (written: string) => `aws:${AWS_TAG_SPELLINGS.get(written) ?? written}`;
