/**
 * `aws.iam.getPolicyDocument` as the AWS provider renders it. A part the offline mock drops is a
 * grant the check never sees: an admin statement in `sourcePolicyDocuments`, an override that
 * replaces a narrow statement, a second `principals` block of the same type that opens the trust.
 */
import { renderPolicyDocument } from '../../offline/policy-document-render';

const ADMIN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const NARROW = {
  sid: 'Read',
  effect: 'Allow',
  actions: ['s3:GetObject'],
  resources: ['arn:aws:s3:::b/k'],
};

const CASES: { case: string; args: Record<string, unknown>; statements: unknown[] }[] = [
  {
    case: 'sourcePolicyDocuments: their statements come first, then the statements',
    args: { sourcePolicyDocuments: [ADMIN], statements: [NARROW] },
    statements: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' },
    ],
  },
  {
    case: 'overridePolicyDocuments: a statement with the same Sid replaces it in place',
    args: {
      statements: [NARROW],
      overridePolicyDocuments: [
        JSON.stringify({
          Statement: { Sid: 'Read', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        }),
      ],
    },
    statements: [{ Sid: 'Read', Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
  },
  {
    case: 'overridePolicyDocuments: a statement without a Sid is added',
    args: {
      statements: [NARROW],
      overridePolicyDocuments: [
        JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }),
      ],
    },
    statements: [
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ],
  },
  {
    case: 'element names of a source document in any case, as Go decodes them',
    args: {
      sourcePolicyDocuments: [
        JSON.stringify({
          statement: [{ effect: 'Allow', ACTION: '*', resource: '*', Unknown: 1 }],
        }),
      ],
    },
    statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  {
    case: 'two principals blocks of one type: both lists of identifiers',
    args: {
      statements: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [
            { type: 'AWS', identifiers: ['*'] },
            { type: 'AWS', identifiers: ['arn:aws:iam::123456789012:role/vault'] },
          ],
        },
      ],
    },
    statements: [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: ['*', 'arn:aws:iam::123456789012:role/vault'] },
      },
    ],
  },
  {
    case: 'two conditions of one test and variable: both lists of values',
    args: {
      statements: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          conditions: [
            { test: 'StringLike', variable: 'aws:RequestTag/agent', values: ['*'] },
            { test: 'StringLike', variable: 'aws:RequestTag/agent', values: ['bot'] },
          ],
        },
      ],
    },
    statements: [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'aws:RequestTag/agent': ['*', 'bot'] } },
      },
    ],
  },
  {
    case: 'a single * principal of type *',
    args: {
      statements: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: '*', identifiers: ['*'] }],
        },
      ],
    },
    statements: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' }],
  },
];

describe('renderPolicyDocument renders what the provider sends to AWS', () => {
  test.each(CASES)('$case', ({ args, statements }) => {
    expect(renderPolicyDocument(args)).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  test.each([
    { case: 'not JSON', doc: '{', message: /sourcePolicyDocuments\[0\] is not JSON/ },
    {
      case: 'not a document',
      doc: '[1]',
      message: /sourcePolicyDocuments\[0\] is not a JSON policy document/,
    },
    {
      case: 'a statement that is no object',
      doc: '{"Statement":["x"]}',
      message: /a statement of sourcePolicyDocuments\[0\] is not a JSON object/,
    },
  ])('a source document that is $case fails, as the provider does', ({ doc, message }) => {
    expect(() => renderPolicyDocument({ sourcePolicyDocuments: [doc] })).toThrow(message);
  });
});
