import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { PAGE_SCRIPTS } from './page-html.ts';
import type { UploadSettings } from '../config.ts';
import type { Channels } from './notifications/channels.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { queueRoutes } from './queue/queue.routes.ts';
import { ratingRoutes } from './ratings/ratings.routes.ts';
import { submissionRoutes } from './submissions/submissions.routes.ts';

/** Citizen-facing services ("3 biết", online submission): links, channels for one-time codes, uploads. */
export interface CitizenDeps {
  publicBaseUrl: string;
  channels: Channels;
  uploads: UploadSettings;
}

export const DEFAULT_CITIZEN: CitizenDeps = {
  publicBaseUrl: 'http://localhost:3000',
  channels: {},
  uploads: { dir: './data/uploads', maxFileBytes: 10 * 1024 * 1024, maxFiles: 20 },
};

declare module 'fastify' {
  interface FastifyInstance {
    citizen: CitizenDeps;
  }
}

/** Registers the notification, rating, queue and online-submission routes and pages. */
export const citizenServiceRoutes: FastifyPluginAsync<{ citizen?: CitizenDeps | undefined }> = async (app, opts) => {
  app.decorate('citizen', opts.citizen ?? DEFAULT_CITIZEN);
  await app.register(notificationRoutes);
  await app.register(ratingRoutes);
  await app.register(queueRoutes);
  await app.register(submissionRoutes);

  // The pages' scripts, as files: the Content-Security-Policy forbids inline scripts (http/security.ts).
  app.get<{ Params: { name: string } }>('/js/:name', { schema: { hide: true } }, async (request, reply) => {
    const m = /^([a-z-]{1,40})\.js$/.exec(request.params.name);
    const code = m ? PAGE_SCRIPTS.get(m[1]!) : undefined;
    if (code === undefined) throw new DomainError('NOT_FOUND', 'Không tìm thấy tệp.');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(code);
  });
};
