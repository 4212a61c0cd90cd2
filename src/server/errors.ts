// One error handler: every failure leaves as RFC 9457 problem+json with a stable type and a translated title.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEMS, problemType, type ProblemDocument, type ProblemSlug } from '../common/problems.js';
import { requestLanguage, translate } from './i18n.js';

export class Problem extends Error {
  /** Extra response headers, such as Retry-After on a throttle. */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly slug: ProblemSlug,
    readonly detail?: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(detail ?? slug);
  }

  get status(): number {
    return PROBLEMS[this.slug];
  }

  /** Tells the client when to try again (whole seconds, at least 1). */
  retryAfter(seconds: number): this {
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(seconds)));
    return this;
  }
}

export function problemDocument(request: FastifyRequest, problem: Problem): ProblemDocument {
  const lang = requestLanguage(request);
  const doc: ProblemDocument = {
    type: problemType(problem.slug),
    title: translate(lang, `problem.${problem.slug}`),
    status: problem.status,
    instance: request.url.split('?')[0],
  };
  if (problem.detail) doc.detail = problem.detail;
  if (problem.errors) doc.errors = problem.errors;
  return doc;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problemDocument(request, problem));
}

function fromFastifyError(error: FastifyError): Problem {
  if (error.validation) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'invalid',
    }));
    return new Problem('validation-failed', undefined, errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload-too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem('unsupported-media-type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('validation-failed', 'The request body is not valid JSON.');
    default:
      break;
  }
  if (error.statusCode === 429) return new Problem('too-many-requests');
  if (error.statusCode === 404) return new Problem('not-found');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new Problem('validation-failed');
  return new Problem('internal');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    const problem = error instanceof Problem ? error : fromFastifyError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
}
