/**
 * Privilege-escalation methods: each is a set of actions that, allowed together on any resource,
 * lets a principal gain more permissions than it was given.
 *
 * Source: Cloudsplaining, `cloudsplaining/shared/constants.py` `PRIVILEGE_ESCALATION_METHODS`
 * (repo salesforce/cloudsplaining, commit 126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4): the 22 methods
 * of Rhino Security Labs (Spencer Gietzen) plus 37 paths from pathfinding.cloud (DataDog).
 * Names are Cloudsplaining's; actions are lower-case as there (matching is case-insensitive).
 */
export const PRIVILEGE_ESCALATION_METHODS: Readonly<Record<string, readonly string[]>> = {
  // Rhino Security Labs 1: IAM permissions on other users
  CreateAccessKey: ['iam:createaccesskey'],
  CreateLoginProfile: ['iam:createloginprofile'],
  UpdateLoginProfile: ['iam:updateloginprofile'],
  AddUserToGroup: ['iam:addusertogroup'],
  // 2: permissions on policies
  CreateNewPolicyVersion: ['iam:createpolicyversion'],
  SetExistingDefaultPolicyVersion: ['iam:setdefaultpolicyversion'],
  AttachUserPolicy: ['iam:attachuserpolicy'],
  AttachGroupPolicy: ['iam:attachgrouppolicy'],
  AttachRolePolicy: ['iam:attachrolepolicy'],
  PutUserPolicy: ['iam:putuserpolicy'],
  PutGroupPolicy: ['iam:putgrouppolicy'],
  PutRolePolicy: ['iam:putrolepolicy'],
  // 3: updating an AssumeRolePolicy
  UpdateRolePolicyToAssumeIt: ['iam:updateassumerolepolicy'],
  // 4: iam:PassRole to a new compute resource
  CreateEC2WithExistingIP: ['iam:passrole', 'ec2:runinstances'],
  PassExistingRoleToNewLambdaThenInvoke: [
    'iam:passrole',
    'lambda:createfunction',
    'lambda:invokefunction',
  ],
  PassExistingRoleToNewLambdaThenTriggerWithNewDynamo: [
    'iam:passrole',
    'lambda:createfunction',
    'lambda:createeventsourcemapping',
    'dynamodb:createtable',
    'dynamodb:putitem',
  ],
  PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo: [
    'iam:passrole',
    'lambda:createfunction',
    'lambda:createeventsourcemapping',
  ],
  PassExistingRoleToNewGlueDevEndpoint: ['iam:passrole', 'glue:createdevendpoint'],
  PassExistingRoleToCloudFormation: ['iam:passrole', 'cloudformation:createstack'],
  PassExistingRoleToNewDataPipeline: ['iam:passrole', 'datapipeline:createpipeline'],
  // 5: privilege escalation using AWS services
  UpdateExistingGlueDevEndpoint: ['glue:updatedevendpoint'],
  EditExistingLambdaFunctionWithRole: ['lambda:updatefunctioncode'],
  // pathfinding.cloud: existing-passrole / update-existing-resource
  AccessExistingBedrockCodeInterpreterSession: [
    'bedrock-agentcore:startcodeinterpretersession',
    'bedrock-agentcore:invokecodeinterpreter',
  ],
  ExecuteCloudFormationChangeSet: [
    'cloudformation:createchangeset',
    'cloudformation:executechangeset',
  ],
  ModifyEC2InstanceUserDataThenRestart: [
    'ec2:modifyinstanceattribute',
    'ec2:stopinstances',
    'ec2:startinstances',
  ],
  ModifyExistingEC2LaunchTemplate: ['ec2:createlaunchtemplateversion', 'ec2:modifylaunchtemplate'],
  EC2InstanceConnectSendSSHPublicKey: [
    'ec2-instance-connect:sendsshpublickey',
    'ec2:describeinstances',
  ],
  ECSExecuteCommandOnRunningTask: ['ecs:executecommand', 'ecs:describetasks'],
  UpdateAndInvokeLambdaFunction: ['lambda:updatefunctioncode', 'lambda:invokefunction'],
  UpdateLambdaFunctionAndAddPermission: ['lambda:updatefunctioncode', 'lambda:addpermission'],
  CreatePresignedSageMakerNotebookUrl: ['sagemaker:createpresignednotebookinstanceurl'],
  UpdateSageMakerNotebookLifecycleConfig: [
    'sagemaker:createnotebookinstancelifecycleconfig',
    'sagemaker:stopnotebookinstance',
    'sagemaker:updatenotebookinstance',
    'sagemaker:startnotebookinstance',
  ],
  // pathfinding.cloud: new-passrole
  PassExistingRoleToNewAppRunnerService: ['iam:passrole', 'apprunner:createservice'],
  PassExistingRoleToNewBedrockCodeInterpreter: [
    'iam:passrole',
    'bedrock-agentcore:createcodeinterpreter',
    'bedrock-agentcore:startcodeinterpretersession',
    'bedrock-agentcore:invokecodeinterpreter',
  ],
  PassExistingRoleToNewCloudFormationStackSet: [
    'iam:passrole',
    'cloudformation:createstackset',
    'cloudformation:createstackinstances',
  ],
  PassRoleToUpdateCloudFormationStackSet: ['iam:passrole', 'cloudformation:updatestackset'],
  PassExistingRoleToNewCodeBuildProjectThenBuild: [
    'iam:passrole',
    'codebuild:createproject',
    'codebuild:startbuild',
  ],
  PassExistingRoleToNewCodeBuildProjectThenBuildBatch: [
    'iam:passrole',
    'codebuild:createproject',
    'codebuild:startbuildbatch',
  ],
  PassExistingRoleToNewEC2SpotInstance: ['iam:passrole', 'ec2:requestspotinstances'],
  PassExistingRoleToNewECSClusterServiceTask: [
    'iam:passrole',
    'ecs:createcluster',
    'ecs:registertaskdefinition',
    'ecs:createservice',
  ],
  PassExistingRoleToNewECSClusterRunTask: [
    'iam:passrole',
    'ecs:createcluster',
    'ecs:registertaskdefinition',
    'ecs:runtask',
  ],
  PassExistingRoleToNewECSService: [
    'iam:passrole',
    'ecs:registertaskdefinition',
    'ecs:createservice',
  ],
  PassExistingRoleToNewECSTaskViaRunTask: [
    'iam:passrole',
    'ecs:registertaskdefinition',
    'ecs:runtask',
  ],
  PassExistingRoleToNewECSTaskViaStartTask: [
    'iam:passrole',
    'ecs:registertaskdefinition',
    'ecs:starttask',
  ],
  PassExistingRoleToNewGlueJobThenRun: ['iam:passrole', 'glue:createjob', 'glue:startjobrun'],
  PassExistingRoleToNewGlueJobViaTrigger: ['iam:passrole', 'glue:createjob', 'glue:createtrigger'],
  PassExistingRoleToUpdatedGlueJobThenRun: ['iam:passrole', 'glue:updatejob', 'glue:startjobrun'],
  PassExistingRoleToUpdatedGlueJobViaTrigger: [
    'iam:passrole',
    'glue:updatejob',
    'glue:createtrigger',
  ],
  PassExistingRoleToNewLambdaThenAddPermission: [
    'iam:passrole',
    'lambda:createfunction',
    'lambda:addpermission',
  ],
  PassExistingRoleToNewSageMakerNotebookInstance: [
    'iam:passrole',
    'sagemaker:createnotebookinstance',
  ],
  PassExistingRoleToNewSageMakerTrainingJob: ['iam:passrole', 'sagemaker:createtrainingjob'],
  PassExistingRoleToNewSageMakerProcessingJob: ['iam:passrole', 'sagemaker:createprocessingjob'],
  // pathfinding.cloud: principal-access
  CreateAndRotateAccessKey: ['iam:createaccesskey', 'iam:deleteaccesskey'],
  AttachUserPolicyThenCreateAccessKey: ['iam:attachuserpolicy', 'iam:createaccesskey'],
  CreatePolicyVersionThenAssumeRole: ['iam:createpolicyversion', 'sts:assumerole'],
  PutUserPolicyThenCreateAccessKey: ['iam:putuserpolicy', 'iam:createaccesskey'],
  AttachRolePolicyThenUpdateAssumeRolePolicy: [
    'iam:attachrolepolicy',
    'iam:updateassumerolepolicy',
  ],
  CreatePolicyVersionThenUpdateAssumeRolePolicy: [
    'iam:createpolicyversion',
    'iam:updateassumerolepolicy',
  ],
  PutRolePolicyThenUpdateAssumeRolePolicy: ['iam:putrolepolicy', 'iam:updateassumerolepolicy'],
};

/**
 * Escalation paths that Cloudsplaining's 59 methods leave out, each a set of actions that, allowed
 * together on any resource, lets a principal act with a role it was not given. They are reported
 * apart from the methods above (as `escalationPath` on the unscoped-write finding, at high
 * severity), so `privescMethod` keeps meaning exactly Cloudsplaining's list.
 *
 * Source: DataDog/pathfinding.cloud, `data/paths/aws/<service>/<id>.yaml` (commits
 * bbf30a06f09ee0fa5ee99e5b8281eda3bd62b59e for cloudformation-002, ecc3d092e7e409497474c8d39eb92f61810d815f
 * for ssm-002, a89d537a42a9cd7c8481247cf3468a2addd8ad77 for ssm-001 and ssm-003); the key is the
 * path's id there. CreateStack, UpdateStackSet and CreateChangeSet+ExecuteChangeSet with
 * iam:PassRole are already Cloudsplaining's (PassExistingRoleToCloudFormation,
 * PassRoleToUpdateCloudFormationStackSet, ExecuteCloudFormationChangeSet).
 */
export const FURTHER_ESCALATION_PATHS: Readonly<
  Record<string, { actions: readonly string[]; how: string; example: string }>
> = {
  'cloudformation-002': {
    actions: ['cloudformation:updatestack'],
    how: "updates any stack, whose service role then creates what the new template says (with iam:PassRole, any role can be the stack's new service role)",
    example: 'arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/*',
  },
  'ssm-001': {
    actions: ['ssm:startsession'],
    how: "opens a shell on any managed instance, and so holds its instance role's credentials",
    example: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0',
  },
  'ssm-002': {
    actions: ['ssm:sendcommand'],
    how: "runs commands on any managed instance, and so acts with its instance role's credentials",
    example: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0',
  },
  'ssm-003': {
    actions: ['iam:passrole', 'ssm:createdocument', 'ssm:startautomationexecution'],
    how: 'runs an Automation document it wrote as any role it passes to Systems Manager',
    example: 'arn:aws:iam::123456789012:role/my-automation-role',
  },
};
