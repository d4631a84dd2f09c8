import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Demo directory of competent bodies for out-of-jurisdiction requests (DOMAIN.md 3.3, 12). Addresses and
 * phone numbers are invented for the fictional demo ward; a real ward replaces them via POST /api/agencies.
 */
export const DEMO_AGENCIES = [
  { code: 'TTPVHCC-TINH', name: 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An', kind: 'province_centre', address: 'Số 10 đại lộ Trung tâm, thành phố Vinh (demo)', phone: '0238 3 111 111', online_url: 'https://dichvucong.gov.vn', matters: 'Thủ tục cấp tỉnh: đầu tư, doanh nghiệp, lý lịch tư pháp, cấp đổi giấy phép lái xe' },
  { code: 'STP', name: 'Sở Tư pháp tỉnh Nghệ An', kind: 'province_department', address: 'Số 20 đường Tư pháp, thành phố Vinh (demo)', phone: '0238 3 222 222', online_url: 'https://dichvucong.gov.vn', matters: 'Lý lịch tư pháp; hộ tịch có yếu tố nước ngoài; công chứng, luật sư' },
  { code: 'VPDKDD', name: 'Chi nhánh Văn phòng đăng ký đất đai khu vực (demo)', kind: 'land', address: 'Số 30 đường Đất đai (demo)', phone: '0238 3 333 333', online_url: 'https://dichvucong.gov.vn', matters: 'Đăng ký biến động đất đai, cấp đổi giấy chứng nhận quyền sử dụng đất' },
  { code: 'THUE-KV', name: 'Thuế cơ sở khu vực (demo)', kind: 'tax', address: 'Số 40 đường Thuế (demo)', phone: '0238 3 444 444', online_url: 'https://thuedientu.gdt.gov.vn', matters: 'Đăng ký thuế, mã số thuế cá nhân, hộ kinh doanh; lệ phí trước bạ' },
  { code: 'CA-TINH-QLHC', name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội, Công an tỉnh (demo)', kind: 'police', address: 'Số 50 đường Công an (demo)', phone: '0238 3 555 555', online_url: 'https://dichvucong.bocongan.gov.vn', matters: 'Căn cước, hộ chiếu phổ thông, con dấu' },
  { code: 'P-TAYTHANH', name: 'UBND phường Tây Thanh (demo)', kind: 'ward', address: 'Số 02 đường Trung tâm, phường Tây Thanh (demo)', phone: '0238 3 666 666', online_url: 'https://dichvucong.gov.vn', matters: 'Thủ tục cấp xã của người cư trú tại phường Tây Thanh' },
] as const;

export async function seedAgencyDirectory(db: Kysely<Database>): Promise<number> {
  let n = 0;
  for (const a of DEMO_AGENCIES) {
    const r = await db
      .insertInto('competent_agency')
      .values({ ...a, is_active: 1 })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}
