/**
 * Actions that create resources, and the resource types they create. A resource that does not
 * exist yet has no name to write in a Resource, so `instance/*` on `ec2:RunInstances` is how every
 * policy launches instances; what limits the call is the pre-existing resources it names (the
 * image, subnet, security group). Source: Service Authorization Reference, Amazon EC2, "Actions
 * defined by Amazon EC2", RunInstances and CreateVolume, and the EC2 User Guide, "Launch
 * instances" example policies
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html#iam-example-runinstances).
 */

export interface CreateAction {
  /** The resource types whose resources the action creates (lower-case ARN resource-part starts). */
  creates: readonly string[];
  /** The pre-existing resource types it launches into or from (lower-case resource-part starts). */
  uses: readonly string[];
}

/** Lower-case action ids. */
export const CREATE_ACTIONS: ReadonlyMap<string, CreateAction> = new Map([
  [
    'ec2:runinstances',
    {
      creates: [
        'instance/',
        'volume/',
        'network-interface/',
        'elastic-gpu/',
        'elastic-inference/',
        'spot-instances-request/',
      ],
      uses: [
        'image/',
        'subnet/',
        'security-group/',
        'key-pair/',
        'launch-template/',
        'snapshot/',
        'placement-group/',
        'capacity-reservation/',
      ],
    },
  ],
  ['ec2:createvolume', { creates: ['volume/'], uses: ['snapshot/'] }],
  [
    'ec2:createnetworkinterface',
    { creates: ['network-interface/'], uses: ['subnet/', 'security-group/'] },
  ],
]);
