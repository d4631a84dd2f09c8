import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS } from '../../domain/errors.ts';

interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

/** Vietnamese names of request fields, so that a message names what the person typed. */
const FIELD_LABEL: Record<string, string> = {
  username: 'tên đăng nhập',
  password: 'mật khẩu',
  procedureCode: 'mã thủ tục',
  channel: 'kênh nộp hồ sơ',
  applicant: 'người nộp hồ sơ',
  'applicant.fullName': 'họ tên người nộp',
  'applicant.idNumber': 'số định danh cá nhân',
  'applicant.phone': 'số điện thoại',
  'applicant.email': 'thư điện tử',
  'applicant.address': 'địa chỉ',
  submittedComponents: 'thành phần hồ sơ đã nộp',
  reason: 'lý do',
  q: 'từ khóa tìm kiếm',
  at: 'thời điểm nộp',
  workingDays: 'số ngày làm việc',
  procedure: 'mã thủ tục',
  phone: '4 số cuối điện thoại',
  code: 'mã hồ sơ',
  action: 'thao tác',
  status: 'trạng thái',
  dueBefore: 'hạn trước ngày',
  limit: 'số bản ghi',
  offset: 'vị trí bắt đầu',
  date: 'ngày',
  kind: 'loại ngày',
  source: 'căn cứ',
  year: 'năm',
  role: 'vai trò',
  divisionCode: 'mã phòng ban',
  fullName: 'họ tên',
  newDueAt: 'ngày hẹn mới',
  handlerId: 'người xử lý',
  isActive: 'trạng thái tài khoản',
};

function fieldOf(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = (v.params as { missingProperty?: string }).missingProperty;
  const extra = (v.params as { additionalProperty?: string }).additionalProperty;
  const leaf = missing ?? extra;
  return leaf ? (path ? `${path}.${leaf}` : leaf) : path || undefined;
}

function validationMessage(err: FastifyError, field: string | undefined): string {
  const v = err.validation?.[0];
  const label = field ? (FIELD_LABEL[field] ?? FIELD_LABEL[field.replace(/\.\d+$/, '')] ?? field) : 'dữ liệu';
  switch (v?.keyword) {
    case 'required':
      return `Thiếu ${label} (${field}).`;
    case 'additionalProperties':
      return `Trường không được phép: ${field}.`;
    case 'type':
      return `Giá trị ${label} (${field}) không đúng kiểu.`;
    case 'minLength':
    case 'minimum':
    case 'minItems':
      return `Giá trị ${label} (${field}) quá ngắn hoặc quá nhỏ.`;
    case 'maxLength':
    case 'maximum':
    case 'maxItems':
      return `Giá trị ${label} (${field}) quá dài hoặc quá lớn.`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return `Giá trị ${label} (${field}) không thuộc các giá trị cho phép.`;
    default:
      return `Giá trị ${label} (${field ?? 'dữ liệu'}) không hợp lệ.`;
  }
}

/**
 * Errors the router raises before any route or hook runs (a malformed URL, a path segment over
 * maxParamLength): answered in the same JSON shape as every other error.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(400)
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send({ error: { code: 'VALIDATION_ERROR', message: 'Địa chỉ (URL) không hợp lệ hoặc quá dài.' } });
  void err;
}

/** A non-finite number (JSON 1e999, query "Infinity") survives JSON Schema coercion in Ajv 8: refuse it here. */
export function nonFiniteField(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'dữ liệu';
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFiniteField(v, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const field = nonFiniteField(request.params) ?? nonFiniteField(request.query) ?? nonFiniteField(request.body);
    if (field) {
      throw new DomainError('VALIDATION_ERROR', `Giá trị ${FIELD_LABEL[field] ?? field} (${field}) không phải là số hữu hạn.`, { field });
    }
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof DomainError) {
      status = ERROR_STATUS[err.code];
      body = { error: { code: err.code, message: err.message } };
      if (err.field) body.error.field = err.field;
      if (err.details) body.error.details = err.details;
    } else if (err.validation) {
      status = 400;
      const field = fieldOf(err);
      body = { error: { code: 'VALIDATION_ERROR', message: validationMessage(err, field) } };
      if (field) body.error.field = field;
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' } };
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      body = { error: { code: 'VALIDATION_ERROR', message: 'Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.' } };
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, empty body with a JSON content type, bad URL encoding...
      status = err.statusCode;
      body = { error: { code: 'VALIDATION_ERROR', message: 'Yêu cầu không hợp lệ: dữ liệu gửi lên không đọc được.' } };
    } else {
      status = 500;
      request.log.error({ err }, 'unhandled error');
      body = { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại sau.' } };
    }
    void reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Không tìm thấy địa chỉ ${request.method} ${request.url}.` } });
  });
}
