import { Type } from '@fastify/type-provider-typebox';

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
};

export const IsoInstant = Type.String({ format: 'date-time' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);
