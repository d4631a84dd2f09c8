import type { Channel } from './procedure.ts';
import { fold } from '../text.ts';

/**
 * Whether a mandatory component must be submitted on this channel. The catalog marks some components
 * mandatory "khi nộp trực tuyến" (the interactive e-form) and others "khi nộp trực tiếp hoặc qua bưu chính"
 * (the paper form); asking for the wrong one would ask for a document the law does not require
 * (Decree 61 Art 5(1)(đ), DOMAIN.md 3.2).
 */
export function isRequiredOn(component: { isMandatory: boolean; condition: string | null }, channel: Channel): boolean {
  if (!component.isMandatory) return false;
  const c = fold(component.condition ?? '');
  const online = c.includes('truc tuyen');
  const direct = c.includes('truc tiep');
  const postal = c.includes('buu chinh');
  if (!online && !direct && !postal) return true;
  if (channel === 'online') return online;
  if (channel === 'direct') return direct || (!postal && !online);
  return postal || (!direct && !online);
}
