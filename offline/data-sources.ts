/**
 * Offline answers for the AWS data sources real programs call most (AMIs, availability zones,
 * the organization, the default VPC and its subnets), shaped like the provider's results
 * (pulumi-aws `getAmi`, `getAvailabilityZones`, `organizations.getOrganization`, `ec2.getVpc`,
 * `ec2.getSubnets`, `ec2.getSubnet`, `ec2.getSecurityGroup`). Values are stable and derived from the
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

type Answer = (args: Props, ctx: DataSourceContext) => Props;

const ANSWERS: Record<string, Answer> = {
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
  'aws:ec2/getVpc:getVpc': (args, { region, account }) => {
    const id = typeof args.id === 'string' ? args.id : `vpc-${hex(`${region}default`, 17)}`;
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
      vpcId: `vpc-${hex(`${region}default`, 17)}`,
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
      vpcId: `vpc-${hex(`${region}default`, 17)}`,
      description: 'default VPC security group',
      tags: {},
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
