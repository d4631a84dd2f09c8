import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { isRequiredOn } from '../src/domain/procedure/components.ts';
import type { Channel } from '../src/domain/procedure/procedure.ts';

export interface ProcedureDetail {
  code: string;
  name: string;
  timeLimit: { value: number | null; unit: string };
  components: { id: number; name: string; isMandatory: boolean; condition: string | null }[];
}

export async function procedureDetail(app: FastifyInstance, code: string): Promise<ProcedureDetail> {
  const res = await app.inject({ method: 'GET', url: `/api/procedures/${code}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export function requiredComponentIds(p: ProcedureDetail, channel: Channel = 'direct'): number[] {
  return p.components.filter((c) => isRequiredOn(c, channel)).map((c) => c.id);
}

export const APPLICANT = {
  fullName: 'Nguyễn Văn An',
  idNumber: '038095001234',
  phone: '0912 345 678',
  email: 'an.nguyen@example.org',
  address: 'Số 12, đường Lê Lợi, phường Đông Thanh',
};

export async function receive(
  app: FastifyInstance,
  cookie: string,
  procedureCode: string,
  options: { channel?: Channel; components?: number[]; key?: string; applicant?: Partial<typeof APPLICANT> } = {},
) {
  const p = await procedureDetail(app, procedureCode);
  const channel = options.channel ?? 'direct';
  return app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: { cookie, ...(options.key ? { 'idempotency-key': options.key } : {}) },
    payload: {
      procedureCode,
      channel,
      applicant: { ...APPLICANT, ...options.applicant },
      submittedComponents: options.components ?? requiredComponentIds(p, channel),
    },
  });
}

export async function act(app: FastifyInstance, cookie: string, code: string, action: string, body: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url: `/api/dossiers/${code}/actions/${action}`, headers: { cookie }, payload: body });
}
