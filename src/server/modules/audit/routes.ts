// The audit of one appeal, for supervisors (who oversee; nobody else reads the trail in the office).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditEntry, Id } from '../../../common/api.js';
import { Problem } from '../../errors.js';
import { findAppealById } from '../appeals/repository.js';
import { requireRole, staffOf } from '../auth/guard.js';
import { listAuditFor, recordAudit } from './repository.js';

const appealAuditSchema = {
  tags: ['office'],
  summary: 'Every audit event about one appeal, oldest first (supervisors)',
  params: Type.Object({ id: Id }),
  response: { 200: Type.Array(AuditEntry) },
};

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.services;

  app.get(
    '/api/office/appeals/:id/audit',
    { schema: appealAuditSchema, preHandler: requireRole('supervisor') },
    async (request, reply) => {
      const appeal = await findAppealById(services.db, request.params.id);
      if (!appeal) throw new Problem('appeal-not-found');
      const rows = await listAuditFor(services.db, 'appeal', appeal.id);
      await recordAudit(services.db, services.clock, {
        actorUserId: staffOf(request).id,
        actorKind: 'staff',
        action: 'appeal.audit_viewed',
        subjectType: 'appeal',
        subjectId: appeal.id,
        ip: request.ip,
      });
      return reply.header('cache-control', 'no-store').send(
        rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          action: r.action,
          actorKind: r.actor_kind,
          actor: r.display_name ?? r.username ?? null,
          ip: r.ip,
          detail: parseDetail(r.detail),
        })),
      );
    },
  );
};

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
