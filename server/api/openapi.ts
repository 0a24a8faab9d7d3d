// The read API's OpenAPI 3.1 document, generated from the zod schemas in shared/read-api.ts
// (z.toJSONSchema: OpenAPI 3.1 schemas are JSON Schema 2020-12), so what the collector answers
// and what the document promises are one definition and cannot drift apart.
import { z } from 'zod';
import {
  ApiAnswer,
  ApiAnswersPage,
  ApiAnswersQuery,
  ApiError,
  ApiLocations,
} from '../../shared/read-api.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'output' });

function queryParameters() {
  const json = z.toJSONSchema(ApiAnswersQuery, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as {
    properties: Record<string, { description?: string }>;
  };
  return Object.entries(json.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    ...(s.description && { description: s.description }),
    schema: { ...s, description: undefined },
    ...(name === 'location' && { style: 'form', explode: true }),
  }));
}

const errors = {
  '400': { description: 'A bad parameter, named in the message.', content: json('ApiError') },
  '401': { description: 'No token, or an unknown or revoked one.', content: json('ApiError') },
  '403': { description: 'A location outside the token’s scope.', content: json('ApiError') },
  '429': {
    description: 'Over the token’s rate limit; see Retry-After.',
    content: json('ApiError'),
  },
};

function json(name: string) {
  return { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } };
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lastword read API',
      version: '1',
      description:
        'Answers and locations for BI and CRM tools. Each token reads the locations it was created for (collector-admin create-api-token). Answers come in the order they were last updated; pull everything once, then only what changed with updated_since.',
    },
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ApiAnswer: schema(ApiAnswer),
        ApiAnswersPage: schema(ApiAnswersPage),
        ApiLocations: schema(ApiLocations),
        ApiError: schema(ApiError),
      },
    },
    security: [{ token: [] }],
    paths: {
      '/api/v1/answers': {
        get: {
          operationId: 'listAnswers',
          parameters: queryParameters(),
          responses: {
            '200': { description: 'A page of answers.', content: json('ApiAnswersPage') },
            ...errors,
          },
        },
      },
      '/api/v1/locations': {
        get: {
          operationId: 'listLocations',
          responses: {
            '200': { description: 'The token’s locations.', content: json('ApiLocations') },
            '401': errors['401'],
            '429': errors['429'],
          },
        },
      },
    },
  };
}
