import { type TSchema, type TUnknown, Type } from '@fastify/type-provider-typebox';

/** The error body every route answers with on failure. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  400: Type.Ref('ErrorBody'),
  401: Type.Ref('ErrorBody'),
  403: Type.Ref('ErrorBody'),
  404: Type.Ref('ErrorBody'),
  409: Type.Ref('ErrorBody'),
  422: Type.Ref('ErrorBody'),
  413: Type.Ref('ErrorBody'),
  415: Type.Ref('ErrorBody'),
  429: Type.Ref('ErrorBody'),
  503: Type.Ref('ErrorBody'),
};

export const IsoInstant = Type.String({ format: 'date-time' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A 200 answer that is a document file (PDF/DOCX/XLSX), declared per media type as binary in the OpenAPI
 * document; Fastify sends Buffers as they are (no serializer). `json` adds an application/json variant for
 * routes that answer either. Typed as unknown: the handlers send the body through `reply`.
 */
export function binaryResponse(description: string, mediaTypes: readonly string[], json?: TSchema): TUnknown {
  const content: Record<string, { schema: TSchema }> = {};
  if (json) content['application/json'] = { schema: json };
  for (const mt of mediaTypes) content[mt] = { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) };
  return { description, content } as unknown as TUnknown;
}
