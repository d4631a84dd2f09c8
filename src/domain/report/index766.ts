/**
 * Decision 766/QĐ-TTg (23/6/2022) service-quality index, as far as the ward's own data can measure it
 * (DOMAIN.md 10). Groups and sub-maxima after DOMAIN.md 10.1–10.2. Every indicator says whether it is
 * computed here, partly computed, or needs national data (DVCQG) / data the ward does not capture yet.
 */
import { type Bieu06, counts } from './bieu06.ts';

export type IndicatorStatus = 'computed' | 'partial' | 'pending_data' | 'national_data';

export interface Indicator766 {
  code: string;
  group: string;
  name: string;
  maxPoints: number;
  status: IndicatorStatus;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  target: number | null;
  score: number | null;
  note: string;
  /** Dossiers that lower this indicator. */
  pullingDown: string[];
}

export const GROUPS_766 = [
  { code: 'CKMB', name: 'Công khai, minh bạch', max: 18 },
  { code: 'TDGQ', name: 'Tiến độ giải quyết', max: 20 },
  { code: 'TTTT', name: 'Dịch vụ công trực tuyến', max: 12 },
  { code: 'CLGQ', name: 'Thanh toán trực tuyến', max: 10 },
  { code: 'MDHL', name: 'Mức độ hài lòng', max: 18 },
  { code: 'MDSH', name: 'Số hóa hồ sơ', max: 22 },
] as const;

/** Full points at or above the target, proportional below it; without a target, ratio × points (DOMAIN.md 10.2). */
export function score766(ratio: number, points: number, target: number | null): number {
  const s = target === null ? ratio * points : ratio >= target ? points : (ratio / target) * points;
  return Math.round(s * 100) / 100;
}

export interface Inputs766 {
  /** Biểu 06, original-appointment view ("không trễ hẹn"). */
  bieu06: Bieu06;
  /** Average processing days of finished dossiers (2.2, shown). */
  averageProcessingDays: number | null;
  /** Dossiers received in the period of procedures offered fully online, and those of them received online. */
  onlineEligible: string[];
  onlineReceived: string[];
  /** Dossier codes with a complaint or a "dislike" rating; null = no rating/complaint data yet. */
  complainedOrDisliked: string[] | null;
  /** PAKN received in the period: handled on time or still within time (5.2); `late` = tracking codes that are not. */
  complaints: { total: number; onTime: number; late?: string[] } | null;
  /** True while ratings are not recorded: 5.4 then counts complaints only and stays 'partial'. */
  ratingsPending?: boolean;
}

function ind(x: Omit<Indicator766, 'ratio' | 'score'> & { target: number | null }): Indicator766 {
  const ratio = x.numerator !== null && x.denominator ? x.numerator / x.denominator : null;
  const score = ratio === null ? (x.denominator === 0 && (x.status === 'computed' || x.status === 'partial') ? x.maxPoints : null) : score766(ratio, x.maxPoints, x.target);
  return { ...x, ratio: ratio === null ? null : Math.round(ratio * 10_000) / 10_000, score };
}

export function compute766(i: Inputs766) {
  const t = i.bieu06.total;
  const c = counts(t);
  const late = [...t['10'], ...t['13']];
  const national = (code: string, group: string, name: string, maxPoints: number, note: string): Indicator766 =>
    ind({ code, group, name, maxPoints, status: 'national_data', numerator: null, denominator: null, target: null, note, pullingDown: [] });
  const pending = (code: string, group: string, name: string, maxPoints: number, note: string): Indicator766 =>
    ind({ code, group, name, maxPoints, status: 'pending_data', numerator: null, denominator: null, target: null, note, pullingDown: [] });
  const lateShare = c['3'] === 0 ? 0 : late.length / c['3'];
  const uniqueBad = i.complainedOrDisliked === null ? null : new Set([...late, ...i.complainedOrDisliked]);
  const indicators: Indicator766[] = [
    national('1.1', 'CKMB', 'TTHC được công bố đúng hạn', 6, 'Cần dữ liệu Cơ sở dữ liệu quốc gia về TTHC (cấp tỉnh công bố).'),
    national('1.2', 'CKMB', 'TTHC được cập nhật, công khai đúng hạn trên CSDL quốc gia', 4, 'Cần dữ liệu CSDL quốc gia về TTHC.'),
    national('1.3', 'CKMB', 'TTHC công khai đầy đủ thành phần', 2, 'Cần dữ liệu CSDL quốc gia về TTHC.'),
    national('1.4', 'CKMB', 'Hồ sơ đồng bộ lên Cổng DVCQG', 6, 'Cần trạng thái đồng bộ DVCQG (chưa tích hợp).'),
    ind({
      code: '2.1',
      group: 'TDGQ',
      name: 'Hồ sơ giải quyết đúng hạn, trong hạn / hồ sơ tiếp nhận và giải quyết trong kỳ',
      maxPoints: 20,
      status: 'computed',
      numerator: c['8'] + c['9'] + c['12'],
      denominator: c['3'],
      target: null,
      note: 'Theo ngày hẹn ban đầu (Biểu 06 cột 8 + 9 + 12 trên cột 3).',
      pullingDown: late,
    }),
    {
      code: '2.2',
      group: 'TDGQ',
      name: 'Thời gian giải quyết trung bình (ngày)',
      maxPoints: 0,
      status: 'computed',
      numerator: i.averageProcessingDays,
      denominator: null,
      ratio: null,
      target: null,
      score: null,
      note: 'Chỉ hiển thị, không tính điểm.',
      pullingDown: [],
    },
    ind({
      code: '3.x',
      group: 'TTTT',
      name: 'Hồ sơ trực tuyến / hồ sơ của TTHC có cung cấp dịch vụ trực tuyến',
      maxPoints: 12,
      status: 'partial',
      numerator: i.onlineReceived.length,
      denominator: i.onlineEligible.length,
      target: null,
      note: 'Dùng kênh nộp hồ sơ tại phường; "toàn trình" và hệ số đồng bộ cần dữ liệu DVCQG.',
      pullingDown: i.onlineEligible.filter((code) => !i.onlineReceived.includes(code)),
    }),
    national('3.5', 'CLGQ', 'TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến', 2, 'Cần dữ liệu Cổng DVCQG.'),
    national('3.5b', 'CLGQ', 'TTHC có phát sinh thanh toán trực tuyến', 2, 'Cần dữ liệu Cổng DVCQG.'),
    pending('3.6', 'CLGQ', 'Hồ sơ thanh toán trực tuyến thành công / hồ sơ có nghĩa vụ tài chính', 6, 'Phường chưa ghi kênh thanh toán của hồ sơ.'),
    i.complaints === null
      ? pending('5.2', 'MDHL', 'Phản ánh, kiến nghị được xử lý đúng hạn', 6, 'Chưa có dữ liệu phản ánh, kiến nghị.')
      : ind({
          code: '5.2',
          group: 'MDHL',
          name: 'Phản ánh, kiến nghị được xử lý đúng hạn',
          maxPoints: 6,
          status: 'computed',
          numerator: i.complaints.onTime,
          denominator: i.complaints.total,
          target: null,
          note: 'Phản ánh, kiến nghị tiếp nhận trong kỳ: đã trả lời đúng hạn hoặc còn trong hạn.',
          pullingDown: i.complaints.late ?? [],
        }),
    pending('5.3', 'MDHL', 'Mức độ hài lòng trong xử lý phản ánh, kiến nghị', 6, 'Cần đánh giá của người phản ánh (chưa có dữ liệu).'),
    ind({
      code: '5.4',
      group: 'MDHL',
      name: 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC = 100% − (tỷ lệ trễ hạn + tỷ lệ có phản ánh hoặc "không hài lòng")',
      maxPoints: 6,
      status: uniqueBad === null || i.ratingsPending ? 'partial' : 'computed',
      numerator: c['3'] === 0 ? 0 : Math.round((1 - (uniqueBad === null ? lateShare : uniqueBad.size / c['3'])) * 10_000) / 100,
      denominator: 100,
      target: 0.9,
      note:
        uniqueBad === null
          ? 'Chỉ trừ phần hồ sơ trễ hạn; đánh giá và phản ánh: chưa có dữ liệu.'
          : i.ratingsPending
            ? 'Trừ hồ sơ trễ hạn và hồ sơ có phản ánh, kiến nghị; đánh giá "không hài lòng": chưa có dữ liệu.'
            : '',
      pullingDown: uniqueBad === null ? late : [...uniqueBad],
    }),
    national('4.1', 'MDSH', 'Hồ sơ có kết quả điện tử hợp lệ', 6, 'Phường chưa ghi tệp kết quả điện tử.'),
    national('4.2', 'MDSH', 'Hồ sơ được số hóa thành phần và kết quả', 4, 'Phường chưa ghi số hóa theo giấy tờ.'),
    national('4.2b', 'MDSH', 'Cấp bản sao điện tử từ bản chính', 2, 'Cần dữ liệu DVCQG.'),
    national('4.3', 'MDSH', 'Hồ sơ tái sử dụng dữ liệu số hóa', 2, 'Cần dữ liệu kho dữ liệu DVCQG.'),
    national('4.4', 'MDSH', 'Hồ sơ đồng bộ kho dữ liệu cá nhân', 4, 'Cần dữ liệu DVCQG.'),
    national('4.5a', 'MDSH', 'TTHC kết nối CSDL quốc gia về dân cư', 2, 'Cần dữ liệu DVCQG.'),
    national('4.5b', 'MDSH', 'Hồ sơ sử dụng dữ liệu dân cư', 2, 'Cần dữ liệu DVCQG.'),
  ];
  const groups = GROUPS_766.map((g) => {
    const xs = indicators.filter((x) => x.group === g.code && x.maxPoints > 0);
    const measured = xs.filter((x) => x.score !== null);
    return {
      code: g.code,
      name: g.name,
      maxPoints: g.max,
      measuredMax: measured.reduce((a, x) => a + x.maxPoints, 0),
      score: Math.round(measured.reduce((a, x) => a + (x.score ?? 0), 0) * 100) / 100,
      needsNationalData: xs.filter((x) => x.status === 'national_data').map((x) => x.code),
      pendingData: xs.filter((x) => x.status === 'pending_data').map((x) => x.code),
    };
  });
  return {
    indicators,
    groups,
    measuredScore: Math.round(groups.reduce((a, g) => a + g.score, 0) * 100) / 100,
    measuredMax: groups.reduce((a, g) => a + g.measuredMax, 0),
  };
}
