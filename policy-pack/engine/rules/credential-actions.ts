/**
 * Actions whose response hands out usable credentials for an identity or resource other than the
 * caller's own session.
 *
 * Source: Cloudsplaining `cloudsplaining/shared/constants.py` `ACTIONS_THAT_RETURN_CREDENTIALS`
 * (salesforce/cloudsplaining, commit 126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4, after
 * https://gist.github.com/kmcquade/33860a617e651104d243c324ddf7992a), with these changes:
 * - left out because the token only carries the caller's own permissions (caller-scoped):
 *   `ecr:GetAuthorizationToken`, `ecr-public:GetAuthorizationToken`,
 *   `codeartifact:GetAuthorizationToken`, `sts:GetSessionToken`, `cloud9:CreateEnvironmentToken`;
 * - left out because the response is not a usable secret: `ec2:GetPasswordData` (ciphertext that
 *   only the key pair's private key opens), `cognito-idp:GetSigningCertificate` (a public certificate);
 * - `gamelist:*` in the source is a typo for `gamelift:*`.
 */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'airflow:createclitoken',
  'airflow:createweblogintoken',
  'appsync:createapikey',
  'chime:createapikey',
  'codepipeline:pollforjobs',
  'cognito-identity:getopenidtoken',
  'cognito-identity:getopenidtokenfordeveloperidentity',
  'cognito-identity:getcredentialsforidentity',
  'connect:getfederationtoken',
  'connect:getfederationtokens',
  'emr-containers:getmanagedendpointsessioncredentials',
  'finspace-api:getprogrammaticaccesscredentials',
  'gamelift:requestuploadcredentials',
  'gamelift:getinstanceaccess',
  'gamelift:getcomputeaccess',
  'gamelift:getcomputeauthtoken',
  'grafana:createworkspaceapikey',
  'iam:createaccesskey',
  'iam:createloginprofile',
  'iam:createservicespecificcredential',
  'iam:resetservicespecificcredential',
  'iam:updateaccesskey',
  'license-manager:getaccesstoken',
  'lightsail:getinstanceaccessdetails',
  'lightsail:downloaddefaultkeypair',
  'lightsail:createbucketaccesskey',
  'lightsail:getrelationaldatabasemasteruserpassword',
  'mediapackage:rotatechannelcredentials',
  'mediapackage:rotateingestendpointcredentials',
  'rds-db:connect',
  'redshift:getclustercredentials',
  'redshift:getclustercredentialswithiam',
  'redshift-serverless:getcredentials',
  'sso:getrolecredentials',
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:getfederationtoken',
];
