/**
 * The demo ward: unit, divisions, staff and the slogans of its "3 không, 3 biết" plan.
 *
 * FICTIONAL DEMO DATA. "Phường Đông Thanh" is the ward named in the plan we were given
 * (ke-hoach-3-khong-3-biet.txt); its province, identifier, address, phone, e-mail and every person below are
 * invented for the demo and must not be read as a real unit or real officials. The plan's own signatory is
 * deliberately not reused.
 *
 * Organisation after 01/7/2025 (DOMAIN.md 2.1, 2.3; Decree 150/2025): the commune service centre
 * (TTPVHCC), the Office of the People's Council and People's Committee, the Economy–Infrastructure–Urban
 * division (wards), the Culture–Society division, the committee's leadership; plus the ward police, which
 * registers residence with its own officers and is not part of the People's Committee.
 */
import type { DivisionSeed, StaffSeed } from '../../domain/procedure/procedure.ts';

export interface DemoWardUnit {
  /**
   * Electronic identifier of the ward People's Committee, shape V1V2V3.Z1Z2.Y1Y2.MX1X2 of the national
   * identifier standard (QCVN 102:2016/BTTTT, Circular 10/2016/TT-BTTTT; used as the prefix of dossier codes,
   * Circular 01/2018 Art 19, DOMAIN.md 5). "H40" is the level-1 part seen in public Nghệ An dossier codes;
   * the rest is invented. Fictional.
   */
  code: string;
  name: string;
  /** Name of the People's Committee, as printed on documents. */
  committeeName: string;
  centreName: string;
  /** Province of the demo (fictional placement: there is no "phường Đông Thanh" in Nghệ An that we know of). */
  province: string;
  address: string;
  phone: string;
  email: string;
  chairmanName: string;
  /** The centre's Director is a Vice-Chairman of the People's Committee (Resolution 332/NQ-CP, DOMAIN.md 2.1). */
  centreDirectorName: string;
  isFictional: true;
}

/** Electronic identifier shape: 000.00.34.H40. */
export const ELECTRONIC_ID_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** Demo only: the password of every seeded account. Never use it (or the seed accounts) in production. */
export const DEMO_PASSWORD = 'DongThanh@2026';

export const DEMO_DIVISIONS: DivisionSeed[] = [
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công phường', kind: 'one_stop' },
  { code: 'VP', name: 'Văn phòng HĐND và UBND phường', kind: 'office' },
  { code: 'KTHTDT', name: 'Phòng Kinh tế, Hạ tầng và Đô thị', kind: 'division' },
  { code: 'VHXH', name: 'Phòng Văn hóa – Xã hội', kind: 'division' },
  { code: 'CA', name: 'Công an phường (tiếp nhận tại Trung tâm)', kind: 'division' },
  { code: 'UBND', name: 'Lãnh đạo UBND phường', kind: 'leadership' },
];

const CENTRE = 'Trung tâm Phục vụ hành chính công phường';

export const DEMO_STAFF: StaffSeed[] = [
  // Leadership of the People's Committee.
  { username: 'chutich', fullName: 'Phan Đình Thắng', role: 'leader', divisionCode: 'UBND', title: 'Chủ tịch UBND phường' },
  {
    username: 'phochutich',
    fullName: 'Nguyễn Thị Bích Ngọc',
    role: 'leader',
    divisionCode: 'UBND',
    title: `Phó Chủ tịch UBND phường, Giám đốc ${CENTRE}`,
  },

  // Service centre: reception counters, monitoring, system administration.
  { username: 'phogiamdoc', fullName: 'Trần Thị Thu Hiền', role: 'division_head', divisionCode: 'TTPVHCC', title: `Phó Giám đốc ${CENTRE}` },
  { username: 'tiepnhan1', fullName: 'Nguyễn Thị Thanh Hương', role: 'reception', divisionCode: 'TTPVHCC', title: `Công chức tiếp nhận và trả kết quả, ${CENTRE}` },
  { username: 'tiepnhan2', fullName: 'Lê Văn Đức', role: 'reception', divisionCode: 'TTPVHCC', title: `Công chức tiếp nhận và trả kết quả, ${CENTRE}` },
  { username: 'tiepnhan3', fullName: 'Phạm Thị Mỹ Linh', role: 'reception', divisionCode: 'TTPVHCC', title: `Công chức tiếp nhận và trả kết quả, ${CENTRE}` },
  {
    username: 'kiemsoat',
    fullName: 'Hoàng Thị Minh Nguyệt',
    role: 'monitor',
    divisionCode: 'TTPVHCC',
    title: `Công chức kiểm soát thủ tục hành chính, theo dõi và báo cáo, ${CENTRE}`,
  },
  { username: 'admin', fullName: 'Đặng Quốc Huy', role: 'admin', divisionCode: 'TTPVHCC', title: `Quản trị hệ thống, ${CENTRE}` },

  // Office of the People's Council and People's Committee: justice (civil status, certification), citizen reception, records.
  { username: 'chanhvanphong', fullName: 'Nguyễn Văn Hải', role: 'division_head', divisionCode: 'VP', title: 'Chánh Văn phòng HĐND và UBND phường' },
  { username: 'hotich1', fullName: 'Võ Thị Ngọc Ánh', role: 'specialist', divisionCode: 'VP', title: 'Công chức Tư pháp – Hộ tịch' },
  { username: 'hotich2', fullName: 'Bùi Minh Tuấn', role: 'specialist', divisionCode: 'VP', title: 'Công chức Tư pháp – Hộ tịch' },
  { username: 'tiepcongdan', fullName: 'Đinh Văn Phúc', role: 'specialist', divisionCode: 'VP', title: 'Chuyên viên Văn phòng – Tiếp công dân, xử lý đơn thư' },
  { username: 'vanthu', fullName: 'Ngô Thị Kim Oanh', role: 'specialist', divisionCode: 'VP', title: 'Văn thư – Lưu trữ, Văn phòng HĐND và UBND phường' },

  // Economy, Infrastructure and Urban division: land, construction, household businesses.
  { username: 'truongphongkt', fullName: 'Lê Quang Vinh', role: 'division_head', divisionCode: 'KTHTDT', title: 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị' },
  { username: 'diachinh1', fullName: 'Phan Văn Toàn', role: 'specialist', divisionCode: 'KTHTDT', title: 'Chuyên viên Địa chính – Xây dựng' },
  { username: 'diachinh2', fullName: 'Đỗ Thị Hồng Nhung', role: 'specialist', divisionCode: 'KTHTDT', title: 'Chuyên viên Địa chính – Xây dựng' },
  { username: 'kinhte1', fullName: 'Hồ Thị Phương Thảo', role: 'specialist', divisionCode: 'KTHTDT', title: 'Chuyên viên Kinh tế – Tài chính (đăng ký hộ kinh doanh)' },

  // Culture–Society division: social protection, people with merit, poverty, culture.
  { username: 'truongphongvhxh', fullName: 'Nguyễn Thị Lệ Thủy', role: 'division_head', divisionCode: 'VHXH', title: 'Trưởng phòng Văn hóa – Xã hội' },
  { username: 'ldtbxh1', fullName: 'Trương Văn Sơn', role: 'specialist', divisionCode: 'VHXH', title: 'Chuyên viên Lao động – Thương binh và Xã hội' },
  { username: 'ldtbxh2', fullName: 'Cao Thị Hạnh', role: 'specialist', divisionCode: 'VHXH', title: 'Chuyên viên Lao động – Thương binh và Xã hội' },
  { username: 'vanhoa1', fullName: 'Dương Thanh Tùng', role: 'specialist', divisionCode: 'VHXH', title: 'Chuyên viên Văn hóa – Thông tin' },

  // Ward police: residence registration (its chief approves, see derive-steps.ts WARD_POLICE_PROFILE).
  { username: 'truongcongan', fullName: 'Hoàng Văn Cường', role: 'division_head', divisionCode: 'CA', title: 'Trưởng Công an phường' },
  { username: 'cutru1', fullName: 'Lương Thị Thu Trang', role: 'specialist', divisionCode: 'CA', title: 'Cán bộ đăng ký, quản lý cư trú, Công an phường' },
  { username: 'cutru2', fullName: 'Vương Đình Khải', role: 'specialist', divisionCode: 'CA', title: 'Cán bộ đăng ký, quản lý cư trú, Công an phường' },

  // Social supervision by the Fatherland Front (DOMAIN.md 2.4): read-only, outside the committee's divisions.
  { username: 'mattran', fullName: 'Trần Văn Lợi', role: 'supervisor', divisionCode: null, title: 'Ủy viên Ủy ban MTTQ Việt Nam phường' },
];

function fullNameOf(username: string): string {
  const person = DEMO_STAFF.find((s) => s.username === username);
  if (person === undefined) throw new Error(`Demo staff ${username} is missing`);
  return person.fullName;
}

export const DEMO_WARD: { unit: DemoWardUnit; divisions: DivisionSeed[]; staff: StaffSeed[] } = {
  unit: {
    code: '000.00.34.H40',
    name: 'Phường Đông Thanh',
    committeeName: 'Ủy ban nhân dân phường Đông Thanh',
    centreName: 'Trung tâm Phục vụ hành chính công phường Đông Thanh',
    province: 'Nghệ An',
    address: 'Số 01 đường Trung tâm, phường Đông Thanh, tỉnh Nghệ An',
    phone: '0238 3 000 000',
    email: 'ttpvhcc.dongthanh@example.org',
    chairmanName: fullNameOf('chutich'),
    centreDirectorName: fullNameOf('phochutich'),
    isFictional: true,
  },
  divisions: DEMO_DIVISIONS,
  staff: DEMO_STAFF,
};

export interface Slogan {
  key: 'ba-khong' | 'ba-biet' | 'sau-biet' | 'ba-the-hien' | 'nam-khong' | 'phuong-cham';
  label: string;
  /** The slogan's parts, worded exactly as in the plan. */
  items: readonly string[];
  /** "<label>: <the plan's wording>", for display. */
  text: string;
}

function slogan(key: Slogan['key'], label: string, wording: string, separator: string): Slogan {
  return { key, label, items: wording.split(separator), text: `${label}: ${wording}` };
}

/**
 * The ward's slogans, worded exactly as in its plan (Kế hoạch "3 không, 3 biết", parts I.2 and the title):
 * the model itself, then the staff's "6 biết", "3 thể hiện", "5 không" and the motto for handling procedures.
 */
export const SLOGANS: readonly Slogan[] = [
  slogan('ba-khong', '3 không', 'không trễ hẹn, không gây phiền hà, không bổ sung hồ sơ quá 1 lần', ', '),
  slogan('ba-biet', '3 biết', 'biết xin chào, biết xin lỗi, biết cảm ơn', ', '),
  slogan('sau-biet', '6 biết', 'biết nghe dân nói; biết nói dân hiểu; biết làm dân tin; biết chia sẻ; biết xin lỗi; biết cảm ơn', '; '),
  slogan(
    'ba-the-hien',
    '3 thể hiện',
    'Tôn trọng: trong quan hệ giao tiếp. Văn minh: lịch sự, văn hóa trong giao tiếp, giải quyết công việc. Gần gũi: trong quan hệ giải quyết công việc nhanh chóng',
    '. ',
  ),
  slogan(
    'nam-khong',
    '5 không',
    'không hách dịch, cửa quyền; không quan liêu, sách nhiễu, gây phiền hà nhân dân; không tham ô, lãng phí; không né tránh trách nhiệm; không chậm trễ giải quyết hồ sơ, công việc',
    '; ',
  ),
  slogan('phuong-cham', 'Phương châm', 'Đơn giản - thân thiện - đúng hẹn', ' - '),
];
