/**
 * Vietnamese messages to applicants, one per event. "Biết xin chào, biết xin lỗi, biết cảm ơn": every message
 * greets, the late one apologises (Decree 61 Art 19(9); DOMAIN.md 3.6), the last one thanks and asks for a
 * rating (Decree 61 Arts 29–31; DOMAIN.md 11, 17.8).
 */
export const NOTICE_EVENTS = ['received', 'supplement_requested', 'apology', 'result_ready', 'returned', 'rating_request', 'refused', 'otp'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** Names other modules may use for the same events. */
const ALIASES: Record<string, NoticeEvent> = {
  // Issue 4's extend_deadline (apology signed, form 04) queues this event with the new date.
  appointment_extended: 'apology',
  deadline_extended: 'apology',
  extended: 'apology',
  extend_deadline: 'apology',
  receive: 'received',
  request_supplement: 'supplement_requested',
  issue_result: 'result_ready',
  return_result: 'returned',
  refuse: 'refused',
};

export function noticeEvent(name: string): NoticeEvent | null {
  if ((NOTICE_EVENTS as readonly string[]).includes(name)) return name as NoticeEvent;
  return ALIASES[name] ?? null;
}

export interface NoticeContext {
  wardName: string;
  applicantName: string | null;
  dossierCode: string | null;
  procedureName: string | null;
  dueAt: string | null;
  newDueAt?: string | null;
  reason?: string | null;
  items?: string[];
  lookupUrl: string | null;
  ratingUrl: string | null;
  otp?: string;
}

/** "09:00 thứ Năm, ngày 03/12/2026", in the legal time zone. */
export function formatInstantVi(iso: string | null | undefined): string {
  if (!iso) return 'chưa xác định';
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}

function salutation(c: NoticeContext): string {
  return c.applicantName ? `${c.wardName} xin chào ông/bà ${c.applicantName}.` : `${c.wardName} xin chào ông/bà.`;
}

export function renderNotice(event: NoticeEvent, c: NoticeContext): { subject: string; body: string } {
  const lookup = c.lookupUrl ? `\nTra cứu hồ sơ: ${c.lookupUrl}` : '';
  const rating = c.ratingUrl ? `\nMời ông/bà đánh giá mức độ hài lòng (1 phút): ${c.ratingUrl}` : '';
  const code = c.dossierCode ?? '';
  switch (event) {
    case 'received':
      return {
        subject: `Đã tiếp nhận hồ sơ ${code}`,
        body: `${salutation(c)}\nHồ sơ ${code} (${c.procedureName ?? ''}) đã được Bộ phận Một cửa tiếp nhận.\nNgày hẹn trả kết quả: ${formatInstantVi(c.dueAt)}.${lookup}\nXin cảm ơn ông/bà.`,
      };
    case 'supplement_requested':
      return {
        subject: `Hồ sơ ${code} cần bổ sung`,
        body:
          `${salutation(c)}\nHồ sơ ${code} cần bổ sung, hoàn thiện một lần như sau: ${c.reason ?? ''}` +
          (c.items && c.items.length > 0 ? `\nGiấy tờ cần bổ sung: ${c.items.join('; ')}.` : '') +
          `\nBộ phận Một cửa chỉ yêu cầu bổ sung một lần; nếu cần hướng dẫn, xin liên hệ trực tiếp.${lookup}\nXin cảm ơn ông/bà.`,
      };
    case 'apology':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`,
        body: `${salutation(c)}\n${c.wardName} thành thật xin lỗi ông/bà: hồ sơ ${code} chưa được giải quyết đúng hẹn.${c.reason ? `\nLý do: ${c.reason}` : ''}\nNgày hẹn trả kết quả mới: ${formatInstantVi(c.newDueAt ?? c.dueAt)}.${lookup}\nMong ông/bà thông cảm.`,
      };
    case 'result_ready':
      return {
        subject: `Hồ sơ ${code} đã có kết quả`,
        body: `${salutation(c)}\nHồ sơ ${code} (${c.procedureName ?? ''}) đã có kết quả. Mời ông/bà đến Bộ phận Một cửa nhận kết quả, mang theo giấy tiếp nhận và hẹn trả kết quả.${lookup}\nXin cảm ơn ông/bà.`,
      };
    case 'returned':
      return {
        subject: `Cảm ơn ông/bà — hồ sơ ${code} đã trả kết quả`,
        body: `${salutation(c)}\nHồ sơ ${code} đã được trả kết quả. ${c.wardName} chân thành cảm ơn ông/bà đã tin tưởng và phối hợp.${rating}`,
      };
    case 'rating_request':
      return {
        subject: `Mời đánh giá việc giải quyết hồ sơ ${code}`,
        body: `${salutation(c)}\nÝ kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.${rating}\nXin cảm ơn ông/bà.`,
      };
    case 'refused':
      return {
        subject: `Hồ sơ ${code} không được tiếp nhận`,
        body: `${salutation(c)}\n${c.wardName} rất tiếc: hồ sơ ${code} không được tiếp nhận/giải quyết.\nLý do và hướng dẫn: ${c.reason ?? ''}${lookup}\nXin cảm ơn ông/bà.`,
      };
    case 'otp':
      return {
        subject: 'Mã xác nhận nộp hồ sơ trực tuyến',
        body: `${c.wardName}: mã xác nhận nộp hồ sơ trực tuyến của ông/bà là ${c.otp ?? ''}. Mã có hiệu lực 10 phút. Không cung cấp mã này cho bất kỳ ai.`,
      };
  }
}
