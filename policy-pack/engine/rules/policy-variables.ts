/**
 * Policy variables in a Resource: `${aws:username}` is replaced, request by request, with what the
 * request carries (IAM User Guide, "IAM policy elements: Variables and tags",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). A variable
 * narrows nothing by itself: it stands for whatever the request carries, so it matches like `*`.
 * The exceptions are the variables whose value is the calling principal's own identity, which its
 * caller cannot choose: in a name they name the principal's own resource (`user/${aws:username}`,
 * "Allows IAM users to manage their own credentials"), and so do the federated user ids of a web
 * identity token ("Information available in requests for federated principals"). Principal and session tags are not among
 * them: the caller of `sts:AssumeRole` can pass session tags that take their place ("Passing
 * session tags in AWS STS", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).
 */

/** Lower-case names of the variables that identify the calling principal itself. */
export const PRINCIPAL_IDENTITY_VARIABLES: ReadonlySet<string> = new Set([
  'aws:username',
  'aws:userid',
  // Web identity and Cognito federation: the user id in the provider's signed token.
  'www.amazon.com:user_id',
  'graph.facebook.com:id',
  'accounts.google.com:sub',
  'cognito-identity.amazonaws.com:sub',
]);

/** Variables for the special characters (`${*}` is a literal asterisk), from the same page. */
export const LITERAL_CHARACTER_VARIABLES: ReadonlySet<string> = new Set(['*', '?', '$']);
