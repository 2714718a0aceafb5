import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '@jimmy/contracts';
import { DomainError } from './errors.js';

function body(code: string, message: string, fields?: Record<string, string>, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(fields && { fields }), ...(details && { details }) } };
}

/** Zod paths become dotted field names the web form can put next to the right input. */
function fieldsFromValidation(
  error: { validation: { instancePath: string; message?: string; params?: unknown }[] },
  context: string | undefined,
) {
  const fields: Record<string, string> = {};
  for (const issue of error.validation) {
    const dotted = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const name = dotted || context || 'body';
    fields[name] ??= issue.message ?? 'invalid';
  }
  return fields;
}

/** Fastify's own 4xx errors (bad JSON, wrong content type, body too large) mapped to stable codes. */
const fastifyCodes: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is empty but its content type says JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_CONTENT_LENGTH', message: 'Content-Length does not match the body' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(error.status).send(body(error.code, error.message, error.fields, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fieldsFromValidation(error, error.validationContext);
      return reply.status(400).send(body('VALIDATION_FAILED', 'Some fields are invalid', fields));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side'));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) {
      const fields = known.code === 'INVALID_JSON' ? { body: error.message } : undefined;
      return reply.status(error.statusCode ?? 400).send(body(known.code, known.message, fields));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(error.code ?? 'BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side'));
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return body('ROUTE_NOT_FOUND', `No route ${method} ${url.split('?')[0]}`);
}
