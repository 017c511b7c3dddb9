import { latentGrants } from '../../../policy-pack/engine/latent-grants';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const policies = (...Statement: object[]) => [{ source: 'inline:p', document: doc(...Statement) }];
const boundary = (...Statement: object[]) => ({
  source: 'boundary:b',
  document: doc(...Statement),
});

describe('latentGrants: declared by the documents, capped by the boundary', () => {
  test.each<{ case: string; role: Parameters<typeof latentGrants>[0]; latent: string[] }>([
    {
      case: 'no boundary: nothing is capped',
      role: { policies: policies({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
      latent: [],
    },
    {
      case: 'an action the boundary denies',
      role: {
        policies: policies({
          Effect: 'Allow',
          Action: ['iam:PassRole', 's3:GetObject'],
          Resource: '*',
        }),
        boundary: boundary(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
        ),
      },
      latent: ['iam:PassRole'],
    },
    {
      case: 'an action the boundary does not allow',
      role: {
        policies: policies({
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 's3:GetObject'],
          Resource: '*',
        }),
        boundary: boundary({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      },
      latent: ['sqs:SendMessage'],
    },
    {
      case: 'an action the boundary allows only on other resources',
      role: {
        policies: policies({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::a/*',
        }),
        boundary: boundary({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        }),
      },
      latent: ['s3:GetObject'],
    },
    {
      case: "an action the documents' own Deny removes is not latent",
      role: {
        policies: policies(
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
        ),
        boundary: boundary({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      },
      latent: [],
    },
    {
      case: 'a conditional boundary Deny may not apply, so it caps nothing',
      role: {
        policies: policies({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
        boundary: boundary(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'iam:PassRole',
            Resource: '*',
            Condition: { Bool: { 'aws:ViaAWSService': 'false' } },
          },
        ),
      },
      latent: [],
    },
  ])('$case', ({ role, latent }) => {
    expect(latentGrants(role)).toEqual(latent);
  });
});
