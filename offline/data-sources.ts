/**
 * Offline answers for the AWS data sources real programs call most (AMIs, availability zones,
 * the organization, the default VPC and its subnets, an existing RDS cluster and its subnet group, an
 * S3 object's metadata, the AMI ids AWS publishes as public SSM parameters, a container registry's
 * login, a Route 53 hosted zone), shaped like the provider's results (pulumi-aws `getAmi`,
 * `getAvailabilityZones`, `organizations.getOrganization`, `ec2.getVpc`, `ec2.getSubnets`,
 * `ec2.getSubnet`, `ec2.getSecurityGroup`, `rds.getCluster`, `rds.getSubnetGroup`,
 * `s3.getObject`; field names from `@pulumi/aws` 7.x `GetClusterResult`, `GetSubnetGroupResult`,
 * `GetObjectResult`). Values are stable and derived from the
 * mock account, region and the call's own arguments, so two checks print the same thing. A data
 * source not listed here is not answered: the check then fails with exit 2 naming it, never hangs.
 */
import { createHash } from 'crypto';

type Props = Record<string, unknown>;

export interface DataSourceContext {
  account: string;
  region: string;
  partition: string;
}

function hex(seed: string, length: number): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, length);
}

function zones(region: string): string[] {
  return ['a', 'b', 'c'].map((z) => `${region}${z}`);
}

function defaultVpcId(region: string): string {
  return `vpc-${hex(`${region}default`, 17)}`;
}

/** The subnets of a looked-up resource's VPC, one per zone. */
function subnetIds(region: string, seed: string): string[] {
  return zones(region).map((z) => `subnet-${hex(`${z}${seed}`, 17)}`);
}

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' ? value : fallback;

/** The answer, or undefined when the offline check cannot know it (the call then fails). */
type Answer = (args: Props, ctx: DataSourceContext) => Props | undefined;

/**
 * The AMI metadata AWS publishes as public SSM parameters under `/aws/service/`, the same in every
 * account: `/aws/service/ecs/optimized-ami/<os>/recommended` holds JSON ("Retrieving Amazon
 * ECS-optimized Linux AMI metadata", Amazon ECS Developer Guide), and a name ending in `/image_id`
 * or under `ami-amazon-linux-latest/` or `ami-windows-latest/` holds an AMI id ("Query for the
 * latest Amazon Linux AMI IDs using AWS Systems Manager Parameter Store", AWS Compute Blog). Any
 * other parameter is the account's own: its value cannot be known offline, so it is not answered.
 */
function publicAmiParameter(name: string, region: string): string | undefined {
  if (!name.startsWith('/aws/service/')) return undefined;
  const imageId = `ami-${hex(`${region}${name}`, 17)}`;
  if (/\/optimized-ami\/.+\/recommended$/.test(name)) {
    return JSON.stringify({
      image_id: imageId,
      image_name: `offline-check-ecs-optimized-${hex(name, 8)}`,
      os: 'Amazon Linux 2',
      schema_version: 1,
      source_image_name: `offline-check-source-${hex(name, 8)}`,
    });
  }
  if (
    /\/image_id$/.test(name) ||
    /^\/aws\/service\/ami-(amazon-linux|windows)-latest\//.test(name)
  ) {
    return imageId;
  }
  return undefined;
}

/**
 * A container registry's login, which a program reads only to hand to its image builder
 * (`docker.Image`'s `registry`): ECR's `GetAuthorizationToken` answers user `AWS` and a password
 * that AWS documents as the base64 `AWS:<password>` of `authorizationToken`, valid 12 hours, for
 * `https://<registry>.dkr.ecr.<region>.amazonaws.com` ("Private registry authentication in Amazon
 * ECR", Amazon ECR User Guide; ECR Public's endpoint is `public.ecr.aws`). No policy reads a
 * credential: the answer is a placeholder that says what it is.
 */
function registryLogin(registry: string, endpoint: string): Props {
  const password = 'offline-check-placeholder-not-a-credential';
  return {
    authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
    expiresAt: '2026-01-01T12:00:00Z',
    password,
    proxyEndpoint: endpoint,
    userName: 'AWS',
    registryId: registry,
  };
}

const ANSWERS: Record<string, Answer> = {
  'aws:ecr/getAuthorizationToken:getAuthorizationToken': (args, { region, account }) => {
    const registry = text(args.registryId, account);
    const host = `${registry}.dkr.ecr.${region}.amazonaws.com`;
    return { id: region, region, ...registryLogin(registry, `https://${host}`) };
  },
  'aws:ecr/getCredentials:getCredentials': (args, { region, account }) => {
    const registry = text(args.registryId, account);
    const host = `${registry}.dkr.ecr.${region}.amazonaws.com`;
    return { id: region, ...registryLogin(registry, `https://${host}`) };
  },
  'aws:ecrpublic/getAuthorizationToken:getAuthorizationToken': (_args, { region, account }) => {
    const login = registryLogin(account, 'https://public.ecr.aws');
    return {
      id: region,
      region,
      authorizationToken: login.authorizationToken,
      expiresAt: login.expiresAt,
      password: login.password,
      userName: login.userName,
    };
  },
  'aws:ssm/getParameter:getParameter': (args, { region, partition }) => {
    const name = text(args.name, '');
    const value = publicAmiParameter(name, region);
    if (value === undefined) return undefined;
    return {
      id: name,
      arn: `arn:${partition}:ssm:${region}::parameter${name}`,
      name,
      type: 'String',
      value,
      insecureValue: value,
      version: 1,
      region,
      withDecryption: args.withDecryption ?? true,
    };
  },
  'aws:ec2/getAmi:getAmi': (args, { region, account }) => {
    const seed = JSON.stringify(args);
    const id = `ami-${hex(`${region}${seed}`, 17)}`;
    const owners = Array.isArray(args.owners) ? (args.owners as string[]) : ['amazon'];
    return {
      id,
      imageId: id,
      arn: `arn:aws:ec2:${region}::image/${id}`,
      architecture: 'x86_64',
      name: `offline-check-image-${hex(seed, 8)}`,
      ownerId: owners[0] === 'self' ? account : '137112412989',
      owners,
      rootDeviceName: '/dev/xvda',
      rootDeviceType: 'ebs',
      virtualizationType: 'hvm',
      state: 'available',
      mostRecent: args.mostRecent ?? false,
      tags: {},
    };
  },
  'aws:index/getAvailabilityZones:getAvailabilityZones': (_args, { region }) => ({
    id: region,
    names: zones(region),
    zoneIds: zones(region).map((_, i) => `${region.replace(/-/g, '').slice(0, 4)}-az${i + 1}`),
    groupNames: [region],
    state: 'available',
  }),
  'aws:organizations/getOrganization:getOrganization': (_args, { account, partition }) => {
    const id = `o-${hex(account, 10)}`;
    return {
      id,
      arn: `arn:${partition}:organizations::${account}:organization/${id}`,
      masterAccountId: account,
      masterAccountArn: `arn:${partition}:organizations::${account}:account/${id}/${account}`,
      masterAccountEmail: 'aws-root@example.com',
      featureSet: 'ALL',
      accounts: [],
      nonMasterAccounts: [],
      roots: [{ id: `r-${hex(id, 4)}`, name: 'Root', policyTypes: [] }],
      awsServiceAccessPrincipals: [],
      enabledPolicyTypes: [],
    };
  },
  // A hosted zone found by name or id: Route 53 ids are "Z" and upper-case letters and digits, the
  // ARN has no region or account (Amazon Route 53 API Reference, `GetHostedZone`; Service
  // Authorization Reference, Route 53 resource types), and the name is read back without the
  // trailing dot, as the provider returns it.
  'aws:route53/getZone:getZone': (args, { partition }) => {
    const given = text(args.name, '').replace(/\.$/, '');
    const zoneId = text(
      args.zoneId,
      `Z${hex(`${given}${String(args.privateZone)}`, 20).toUpperCase()}`,
    );
    const name = given || `${zoneId.toLowerCase()}.offline-check.invalid`;
    const servers = [1, 2, 3, 4].map((n) => `ns-${n}.awsdns-${hex(`${zoneId}${n}`, 2)}.net`);
    return {
      id: zoneId,
      zoneId,
      arn: `arn:${partition}:route53:::hostedzone/${zoneId}`,
      name,
      callerReference: hex(zoneId, 16),
      comment: '',
      linkedServiceDescription: '',
      linkedServicePrincipal: '',
      nameServers: servers,
      primaryNameServer: servers[0],
      privateZone: args.privateZone ?? false,
      resourceRecordSetCount: 2,
      tags: {},
      ...(typeof args.vpcId === 'string' ? { vpcId: args.vpcId } : {}),
    };
  },
  'aws:ec2/getVpc:getVpc': (args, { region, account }) => {
    const id = typeof args.id === 'string' ? args.id : defaultVpcId(region);
    return {
      id,
      arn: `arn:aws:ec2:${region}:${account}:vpc/${id}`,
      cidrBlock: '172.31.0.0/16',
      default: args.default ?? true,
      ownerId: account,
      state: 'available',
      tags: {},
    };
  },
  'aws:ec2/getSubnets:getSubnets': (args, { region }) => ({
    id: region,
    ids: zones(region).map((z) => `subnet-${hex(`${z}${JSON.stringify(args)}`, 17)}`),
  }),
  'aws:ec2/getSubnet:getSubnet': (args, { region, account }) => {
    const id = typeof args.id === 'string' ? args.id : `subnet-${hex(JSON.stringify(args), 17)}`;
    return {
      id,
      arn: `arn:aws:ec2:${region}:${account}:subnet/${id}`,
      availabilityZone: zones(region)[0],
      cidrBlock: '172.31.0.0/20',
      vpcId: defaultVpcId(region),
      ownerId: account,
      tags: {},
    };
  },
  'aws:ec2/getSecurityGroup:getSecurityGroup': (args, { region, account }) => {
    const id = typeof args.id === 'string' ? args.id : `sg-${hex(JSON.stringify(args), 17)}`;
    return {
      id,
      arn: `arn:aws:ec2:${region}:${account}:security-group/${id}`,
      name: typeof args.name === 'string' ? args.name : 'default',
      vpcId: defaultVpcId(region),
      description: 'default VPC security group',
      tags: {},
    };
  },
  // An Aurora PostgreSQL cluster in the default VPC, as `describe-db-clusters` reports one.
  'aws:rds/getCluster:getCluster': (args, { region, account, partition }) => {
    const id = text(args.clusterIdentifier, 'database-1');
    const suffix = hex(`${account}${region}`, 12);
    return {
      id,
      clusterIdentifier: id,
      arn: `arn:${partition}:rds:${region}:${account}:cluster:${id}`,
      availabilityZones: zones(region),
      backtrackWindow: 0,
      backupRetentionPeriod: 7,
      clusterMembers: [`${id}-instance-1`],
      clusterResourceId: `cluster-${hex(id, 26).toUpperCase()}`,
      clusterScalabilityType: 'standard',
      databaseInsightsMode: 'standard',
      databaseName: 'postgres',
      dbClusterParameterGroupName: 'default.aurora-postgresql16',
      dbSubnetGroupName: `${id}-subnet-group`,
      dbSystemId: '',
      deletionProtection: false,
      enabledCloudwatchLogsExports: [],
      endpoint: `${id}.cluster-${suffix}.${region}.rds.amazonaws.com`,
      readerEndpoint: `${id}.cluster-ro-${suffix}.${region}.rds.amazonaws.com`,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: '16.4',
      finalSnapshotIdentifier: '',
      hostedZoneId: 'Z2R2ITUGPM61AM',
      iamDatabaseAuthenticationEnabled: false,
      iamRoles: [],
      kmsKeyId: `arn:${partition}:kms:${region}:${account}:key/${hex(`${id}kms`, 8)}`,
      masterUserSecrets: [],
      masterUsername: 'postgres',
      monitoringInterval: 0,
      monitoringRoleArn: '',
      networkType: 'IPV4',
      port: 5432,
      preferredBackupWindow: '07:00-07:30',
      preferredMaintenanceWindow: 'sun:05:00-sun:05:30',
      region,
      replicationSourceIdentifier: '',
      storageEncrypted: true,
      tags: {},
      upgradeRolloutOrder: 'second',
      vpcSecurityGroupIds: [`sg-${hex(`${id}db`, 17)}`],
    };
  },
  'aws:rds/getSubnetGroup:getSubnetGroup': (args, { region, account, partition }) => {
    const name = text(args.name, 'default');
    return {
      id: name,
      name,
      arn: `arn:${partition}:rds:${region}:${account}:subgrp:${name}`,
      description: `Subnet group ${name}`,
      region,
      status: 'Complete',
      subnetIds: subnetIds(region, name),
      supportedNetworkTypes: ['IPV4'],
      vpcId: defaultVpcId(region),
    };
  },
  // The object's metadata (its body only for text content types, as the provider reads it).
  'aws:s3/getObject:getObject': (args, { region, partition }) => {
    const bucket = text(args.bucket, '');
    const key = text(args.key, '');
    const seed = `${bucket}/${key}`;
    return {
      id: `${bucket}/${key}`,
      arn: `arn:${partition}:s3:::${bucket}/${key}`,
      bucket,
      key,
      body: '',
      bodyBase64: '',
      bucketKeyEnabled: false,
      cacheControl: '',
      checksumCrc32: '',
      checksumCrc32c: '',
      checksumCrc64nvme: '',
      checksumSha1: '',
      checksumSha256: '',
      contentDisposition: '',
      contentEncoding: '',
      contentLanguage: '',
      contentLength: 1024,
      contentType: 'binary/octet-stream',
      etag: `"${hex(seed, 32)}"`,
      expiration: '',
      expires: '',
      lastModified: 'Thu, 01 Jan 2026 00:00:00 UTC',
      metadata: {},
      objectLockLegalHoldStatus: '',
      objectLockMode: '',
      objectLockRetainUntilDate: '',
      region,
      serverSideEncryption: 'AES256',
      sseKmsKeyId: '',
      storageClass: 'STANDARD',
      tags: {},
      versionId: text(args.versionId, hex(`${seed}version`, 32)),
      websiteRedirectLocation: '',
    };
  },
};

export const DATA_SOURCE_TOKENS = Object.keys(ANSWERS);

/** The offline answer to data source `token`, or undefined when there is none. */
export function answerDataSource(
  token: string,
  args: Props,
  ctx: DataSourceContext,
): Props | undefined {
  const answer = ANSWERS[token];
  return answer ? answer(args, ctx) : undefined;
}
