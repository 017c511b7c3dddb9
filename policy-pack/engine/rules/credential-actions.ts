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
 * - left out because the API is public (Amazon Cognito Identity API reference: "This is a public
 *   API. You do not need any credentials to call this API"), so a grant adds nothing:
 *   `cognito-identity:GetCredentialsForIdentity`, `cognito-identity:GetOpenIdToken`;
 * - left out because it needs a credential the caller already holds or returns only the caller's
 *   own: `connect:GetFederationToken` (Amazon Connect API reference: "The token is for the Amazon
 *   Connect user which corresponds to the IAM credentials that were used to invoke this action"),
 *   `license-manager:GetAccessToken` (exchanges a refresh token the caller must present);
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
  'cognito-identity:getopenidtokenfordeveloperidentity',
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
