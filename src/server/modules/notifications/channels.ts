import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationSettings } from '../../config.ts';

export const CHANNEL_NAMES = ['email', 'sms', 'zalo'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface OutgoingMessage {
  /** Stable per message: retries carry the same key, so a gateway that honours it never delivers twice. */
  idempotencyKey: string;
  recipient: string;
  subject: string;
  body: string;
}

/** One interface for every way the ward reaches an applicant (DESIGN.md 6). */
export interface NotificationChannel {
  readonly name: ChannelName;
  /** Which recipient address this channel uses for an applicant, or null when it cannot reach them. */
  addressOf(contact: { phone: string | null; email: string | null }): string | null;
  /** Resolves with the provider's message id once the gateway accepted the message; rejects otherwise. */
  send(message: OutgoingMessage): Promise<{ providerId: string | null }>;
  close?(): Promise<void>;
}

export type Channels = Partial<Record<ChannelName, NotificationChannel>>;

/** E-mail over SMTP (nodemailer). The Message-ID derives from the idempotency key, so a resend is recognisable. */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  constructor(private readonly settings: { url: string; from: string }) {
    this.transport = nodemailer.createTransport(settings.url, { from: settings.from });
  }
  addressOf(c: { email: string | null }): string | null {
    return c.email;
  }
  async send(m: OutgoingMessage): Promise<{ providerId: string | null }> {
    const domain = this.settings.from.replace(/^.*@/, '').replace(/>.*$/, '') || 'motcua.local';
    const info = await this.transport.sendMail({
      to: m.recipient,
      subject: m.subject,
      text: m.body,
      messageId: `<${m.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`,
      headers: { 'X-Motcua-Idempotency-Key': m.idempotencyKey },
    });
    const rejected = info.rejected ?? [];
    if (rejected.length > 0) throw new Error(`SMTP rejected ${rejected.join(', ')}`);
    return { providerId: info.messageId ?? null };
  }
  async close(): Promise<void> {
    this.transport.close();
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`gateway HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

/**
 * SMS through an HTTP gateway (brand-name SMS providers all offer one): POST JSON {to, text, reference}
 * with a bearer token and an Idempotency-Key header; any 2xx accepts, {id} is kept as the provider id.
 */
export class SmsGatewayChannel implements NotificationChannel {
  readonly name = 'sms' as const;
  constructor(private readonly settings: { url: string; token: string | null }) {}
  addressOf(c: { phone: string | null }): string | null {
    return c.phone;
  }
  async send(m: OutgoingMessage): Promise<{ providerId: string | null }> {
    const headers: Record<string, string> = { 'idempotency-key': m.idempotencyKey };
    if (this.settings.token) headers.authorization = `Bearer ${this.settings.token}`;
    const r = (await postJson(this.settings.url, { to: m.recipient, text: m.body, reference: m.idempotencyKey }, headers)) as { id?: unknown };
    return { providerId: r.id === undefined ? null : String(r.id) };
  }
}

/**
 * Zalo Official Account, ZNS shape: POST {phone: "84…", template_id, template_data, tracking_id} with the
 * OA access token in the `access_token` header; the answer {error: 0, data: {msg_id}} means accepted.
 */
export class ZaloOaChannel implements NotificationChannel {
  readonly name = 'zalo' as const;
  constructor(private readonly settings: { url: string; token: string; templateId: string }) {}
  addressOf(c: { phone: string | null }): string | null {
    return c.phone;
  }
  async send(m: OutgoingMessage): Promise<{ providerId: string | null }> {
    const phone = m.recipient.replace(/^0/, '84');
    const r = (await postJson(
      this.settings.url,
      { phone, template_id: this.settings.templateId, template_data: { title: m.subject, content: m.body }, tracking_id: m.idempotencyKey },
      { access_token: this.settings.token },
    )) as { error?: number; message?: string; data?: { msg_id?: string } };
    if (r.error !== 0) throw new Error(`Zalo OA error ${String(r.error)}: ${r.message ?? ''}`);
    return { providerId: r.data?.msg_id ?? null };
  }
}

export function buildChannels(settings: NotificationSettings): Channels {
  const channels: Channels = {};
  if (settings.email) channels.email = new EmailChannel(settings.email);
  if (settings.sms) channels.sms = new SmsGatewayChannel(settings.sms);
  if (settings.zalo) channels.zalo = new ZaloOaChannel(settings.zalo);
  return channels;
}
