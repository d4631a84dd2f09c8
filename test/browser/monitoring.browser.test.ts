/**
 * Monitoring, reports, complaints, supervision and recognition in a real browser (issue 6): the monitor's
 * dashboard and Biểu 06 with drill-down and XLSX export (read back, figures equal to the API's), the other
 * report screens, PAKN at the counter, the Front supervisor's read-only portal and a recommendation that the
 * ward answers. Every new screen passes axe-core (zero serious/critical) and is photographed.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_TRANSITIONS } from '../../src/domain/complaint/complaint.ts';
import { TRANSITIONS } from '../../src/domain/dossier/workflow.ts';
import { seedDemoHistory } from '../../src/server/seed/demo-history.ts';
import { CHROMIUM_MISSING, useBrowserKit } from './kit.ts';

const PERIOD = '2026-Q3';
/** Labels of every button that changes something a supervisor may not change (dossier and PAKN actions, answering). */
const ACTION_LABELS = new Set([
  ...Object.values(TRANSITIONS).map((t) => t.label),
  ...Object.values(COMPLAINT_TRANSITIONS).map((t) => t.label),
  'Gửi trả lời',
  'Ghi nhận phản ánh tại quầy',
  'Xác nhận đã khắc phục',
]);
/** Signing an apology (form 04) and the like: a leader's button, named "Ký …". */
const isAction = (name: string) => ACTION_LABELS.has(name) || /^Ký(\s|$)/.test(name);

describe.skipIf(CHROMIUM_MISSING)('web: monitoring, reports, supervision in Chromium', { timeout: 180_000 }, () => {
  const kit = useBrowserKit();
  const { staff, accessible, shot } = kit;
  let monitorCookie = '';

  beforeAll(async () => {
    // Six months of realistic history before 01/12/2026: early, late, extended, supplemented dossiers and PAKN.
    await kit.db.kysely.transaction().execute((trx) => seedDemoHistory(trx, kit.t.clock.now(), { dossiers: 240 }));
    monitorCookie = await kit.t.login('kiemsoat');
  }, 180_000);

  const apiJson = async <T>(url: string): Promise<T> => {
    const res = await kit.t.app.inject({ method: 'GET', url, headers: { cookie: monitorCookie } });
    expect(res.statusCode, url).toBe(200);
    return res.json() as T;
  };

  async function buttonNames(page: Page): Promise<string[]> {
    return (await page.locator('main').first().getByRole('button').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()))).filter(
      Boolean,
    );
  }

  it('monitor: dashboard with charts per division, officer and month', async () => {
    const page = await staff('kiemsoat');
    await page.getByRole('link', { name: 'Bảng theo dõi' }).click();
    await page.getByRole('heading', { name: 'Bảng theo dõi giải quyết TTHC' }).waitFor();
    await page.goto(`${kit.base}/app/bang-theo-doi?period=2026`);
    const monthly = page.getByRole('img', { name: /Theo tháng/ });
    await monthly.waitFor();
    const api = await apiJson<{ total: { onTimeRate: number | null }; byDivision: unknown[] }>('/api/reports/dashboard?period=2026');
    expect(api.byDivision.length).toBeGreaterThan(0);
    // The chart's text summary carries every value: the same figures the API gives.
    expect(await monthly.getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => page.getByRole('img', { name: /Theo phòng, bộ phận/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /Theo cán bộ thụ lý/ }).count()).toBe(1);
    await page.getByText(`${String(api.total.onTimeRate).replace('.', ',')} %`).first().waitFor();
    // The "3 không" figures come from the apology and accountability records: the cards and the cause chart say the API's numbers.
    const k = await apiJson<{ apologies: { count: number; signed: number; awaitingSignature: number }; breaches: { count: number }; lateByRootCause: { late: number } }>(
      '/api/reports/dashboard?period=2026',
    );
    await page.getByText(`${k.apologies.signed} đã ký, ${k.apologies.awaitingSignature} chờ ký`).waitFor();
    await page.getByText(`trễ hạn chưa có văn bản xin lỗi đã ký (trong ${k.lateByRootCause.late} hồ sơ trễ hạn)`).waitFor();
    await expect.poll(() => page.getByRole('img', { name: /Hồ sơ trễ hạn theo nguyên nhân/ }).count()).toBe(k.lateByRootCause.late > 0 ? 1 : 0);
    await accessible(page, 'dashboard');
    await shot(page, 'monitoring-dashboard');
  });

  it('monitor: Biểu 06 in the official layout, a number opens its dossiers, the XLSX holds the same figures', async () => {
    const page = await staff('kiemsoat');
    await page.goto(`${kit.base}/app/bao-cao/bieu-06?period=${PERIOD}`);
    const table = page.getByTestId('bieu06-original');
    await table.waitFor();
    const api = await apiJson<{ views: { original: { total: Record<string, number> }; extended: { total: Record<string, number> } } }>(
      `/api/reports/bieu-06?period=${PERIOD}`,
    );
    const total = api.views.original.total;
    expect(total['7']).toBeGreaterThan(0);
    expect(total['3']).toBe(total['7']! + total['11']!);
    await accessible(page, 'bieu06');
    await shot(page, 'report-bieu06');

    // Column 10 (finished late) of the total row → exactly those dossiers.
    const late = total['10']!;
    expect(late).toBeGreaterThan(0);
    await table.getByRole('button', { name: `${late} hồ sơ: Số hồ sơ đã giải quyết, Quá hạn (cột 10), Tổng số. Xem danh sách` }).click();
    await expect.poll(() => page.getByTestId('drill-count').textContent()).toBe(String(late));
    const drill = await apiJson<{ dossiers: { code: string }[] }>(`/api/reports/bieu-06/dossiers?period=${PERIOD}&column=10`);
    await page.getByRole('dialog').getByRole('link', { name: drill.dossiers[0]!.code }).waitFor();
    await accessible(page, 'bieu06-drilldown');
    await shot(page, 'report-bieu06-drilldown');
    await page.getByRole('dialog').getByRole('button', { name: /Close|Đóng/ }).click();

    // The other timeliness view is one tab away.
    await page.getByRole('tab', { name: 'Theo ngày hẹn sau gia hạn' }).click();
    await page.getByTestId('bieu06-extended').waitFor();

    await page.getByRole('tab', { name: 'Theo ngày hẹn ban đầu' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe(`bieu-06-${PERIOD}-original.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(13, 2).value).toBe('Tổng số');
    const xlsxTotals = Array.from({ length: 11 }, (_, i) => ws.getCell(13, 3 + i).value);
    expect(xlsxTotals).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'].map((c) => total[c]));

    // The cut-off rule of Decree 09/2019 (15th to 14th) is one choice away, and the table follows the API.
    await page.getByRole('combobox', { name: 'Cách chốt số liệu' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Từ ngày 15 kỳ trước đến 14 (NĐ 09/2019)' }).click();
    await page.getByText('chốt số liệu từ ngày 15 kỳ trước').waitFor();
    expect(new URL(page.url()).searchParams.get('cutoff')).toBe('day15');
    const day15 = (await apiJson<{ views: { original: { total: Record<string, number> } } }>(`/api/reports/bieu-06?period=${PERIOD}&cutoff=day15`)).views.original.total;
    await page
      .getByTestId('bieu06-original')
      .getByRole('button', { name: `${day15['3']} hồ sơ: Số hồ sơ nhận giải quyết, Tổng số (cột 3), Tổng số. Xem danh sách` })
      .waitFor();
  });

  it('monitor: Circular 01 evaluation, Decision 766, leaderboard and review DOCX', async () => {
    const page = await staff('kiemsoat');
    await page.goto(`${kit.base}/app/bao-cao/danh-gia?period=${PERIOD}`);
    const evaluation = await apiJson<{ body: { score: number } }>(`/api/reports/evaluation?period=${PERIOD}`);
    await expect.poll(() => page.getByTestId('body-score').textContent()).toBe(evaluation.body.score.toLocaleString('vi-VN'));
    await page.getByText('Cán bộ thụ lý (tối đa 10 điểm)').waitFor();
    await accessible(page, 'evaluation');
    await shot(page, 'report-evaluation');

    await page.goto(`${kit.base}/app/bao-cao/766?period=${PERIOD}`);
    await page.getByText('Điểm đo được:').waitFor();
    await page.getByText('Cần dữ liệu quốc gia', { exact: false }).first().waitFor();
    await accessible(page, 'index766');
    await shot(page, 'report-766');

    await page.goto(`${kit.base}/app/khen-thuong?period=${PERIOD}`);
    const board = await apiJson<{ items: { fullName: string; rank: number | null }[] }>(`/api/reports/leaderboard?period=${PERIOD}`);
    const first = board.items.find((i) => i.rank === 1)!;
    await page.getByRole('row', { name: new RegExp(first.fullName) }).first().waitFor();
    await accessible(page, 'recognition');
    await shot(page, 'recognition-leaderboard');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải báo cáo (DOCX)' }).click()]);
    expect(docx.suggestedFilename()).toBe(`so-ket-${PERIOD}.docx`);
  });

  it('monitor: a complaint received at the counter, linked to a dossier, then answered with its conclusion', async () => {
    const page = await staff('kiemsoat');
    const dossier = await kit.db.kysely.selectFrom('dossier').select('code').where('received_at', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    await page.goto(`${kit.base}/app/phan-anh`);
    await page.getByRole('button', { name: 'Ghi nhận phản ánh tại quầy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nội dung').fill('Cán bộ hẹn trả kết quả nhưng chưa có, đề nghị kiểm tra.');
    await dialog.getByLabel('Họ tên người phản ánh').fill('Nguyễn Văn Bình');
    await dialog.getByLabel('Mã hồ sơ liên quan').fill(dossier.code);
    await accessible(page, 'complaint-receive');
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    const alert = page.getByText(/^Đã ghi nhận phản ánh /);
    await alert.waitFor();
    const trackingCode = (await alert.textContent())!.replace('Đã ghi nhận phản ánh ', '').trim();
    await page.getByRole('button', { name: trackingCode }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `Phản ánh ${trackingCode}` });
    await drawer.getByRole('link', { name: dossier.code }).waitFor();
    await drawer.getByRole('button', { name: 'Trả lời' }).click();
    await drawer.getByLabel('Nội dung trả lời').fill('Đã kiểm tra, hồ sơ có kết quả, mời ông đến nhận.');
    await drawer.getByLabel('Phản ánh không đúng').check();
    await drawer.getByRole('button', { name: 'Xác nhận trả lời' }).click();
    await drawer.getByText('Đã trả lời').first().waitFor();
    await drawer.getByText('Trả lời đúng hạn').waitFor();
    await accessible(page, 'complaint-drawer');
    await shot(page, 'complaint-answered');
    const row = await kit.db.kysely.selectFrom('complaint').select(['status', 'substantiated', 'received_at']).where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'answered', substantiated: 0 });

    // The list by period (kept in the address): the month it was received lists it, an earlier year does not.
    const month = new Date(Date.parse(row.received_at) + 7 * 3600_000).toISOString().slice(0, 7);
    await page.goto(`${kit.base}/app/phan-anh?period=${month}`);
    await page.getByRole('button', { name: trackingCode }).waitFor();
    expect(await page.getByLabel('Thời gian tiếp nhận').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').textContent()).toContain('Theo kỳ');
    await page.goto(`${kit.base}/app/phan-anh?period=${Number(month.slice(0, 4)) - 1}`);
    await page.getByText(/^0 phản ánh, 0 quá hạn/).waitFor();
    expect(await page.getByRole('button', { name: trackingCode }).count()).toBe(0);
  });

  let recommendation = '';

  it('supervisor: late dossiers and a masked timeline, a recommendation filed, no action buttons anywhere', async () => {
    const page = await staff('mattran');
    // allTextContents does not wait: let the console render the supervisor's menu first.
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    await nav.getByRole('link', { name: 'Giám sát (MTTQ)' }).waitFor();
    const menu = await nav.getByRole('link').allTextContents();
    expect(menu).toContain('Giám sát (MTTQ)');
    expect(menu).not.toContain('Bảng theo dõi');
    expect(menu).not.toContain('Phản ánh, kiến nghị');
    await page.getByRole('link', { name: 'Giám sát (MTTQ)' }).click();
    await page.goto(`${kit.base}/app/giam-sat-mttq?period=2026`);
    const late = await apiJson<{ count: number; items: { code: string; apologies: unknown[] }[] }>('/api/supervision/late-dossiers?period=2026');
    expect(late.count).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('late-count').textContent()).toBe(String(late.count));
    await accessible(page, 'supervision-portal');
    await shot(page, 'supervision-late-dossiers');
    expect((await buttonNames(page)).filter(isAction)).toEqual([]);
    await page.getByRole('tab', { name: 'Phản ánh, kiến nghị' }).click();
    await page.getByRole('tabpanel').getByRole('table').waitFor();
    await accessible(page, 'supervision-complaints');
    await page.getByRole('tab', { name: 'Đánh giá hài lòng' }).click();
    await page.getByRole('tabpanel').locator('.ant-alert, .ant-statistic').first().waitFor();

    // The audit trail of a late dossier, with the applicant's name masked.
    await page.getByRole('tab', { name: 'Hồ sơ trễ hạn' }).click();
    const withApology = late.items.find((i) => i.apologies.length > 0) ?? late.items[0]!;
    await page.getByRole('link', { name: withApology.code }).first().click();
    await page.getByRole('heading', { name: `Nhật ký xử lý hồ sơ ${withApology.code}` }).waitFor();
    await expect.poll(() => page.getByTestId('timeline-entry').count()).toBeGreaterThan(2);
    const applicant = await kit.db.kysely.selectFrom('dossier').select('applicant_name').where('code', '=', withApology.code).executeTakeFirstOrThrow();
    expect(await page.locator('main').first().textContent()).not.toContain(applicant.applicant_name);
    expect(await buttonNames(page)).toEqual([]);
    await accessible(page, 'supervision-timeline');
    await shot(page, 'supervision-timeline');

    // Even on the dossier page itself the supervisor gets no workflow action.
    await page.goto(`${kit.base}/app/ho-so/${withApology.code}`);
    await page.getByText(withApology.code).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect((await buttonNames(page)).filter(isAction)).toEqual([]);

    // Every page of the supervisor's menu: nothing that acts on a dossier, a PAKN, an apology or an answer.
    const links = await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of links) {
      await page.goto(`${kit.base}${href}`);
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'));
      expect((await buttonNames(page)).filter(isAction), href).toEqual([]);
    }

    await page.goto(`${kit.base}/app/kien-nghi`);
    await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Gửi kiến nghị giám sát' });
    await dialog.getByLabel('Tiêu đề').fill('Hồ sơ trễ hạn chưa có văn bản xin lỗi');
    await dialog.getByLabel('Nội dung kiến nghị').fill('Đề nghị UBND phường giải trình việc hồ sơ trễ hạn và gửi văn bản xin lỗi người dân.');
    await dialog.getByLabel('Mã hồ sơ liên quan (nếu có)').fill(withApology.code);
    await accessible(page, 'recommendation-file');
    await dialog.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: 'Hạn trả lời' });
    await drawer.getByText('Chờ phường trả lời').first().waitFor();
    recommendation = (await kit.db.kysely.selectFrom('supervision_recommendation').select('code').orderBy('id', 'desc').executeTakeFirstOrThrow()).code;
    await drawer.getByText(`Kiến nghị ${recommendation}`).waitFor();
    expect(await drawer.getByRole('button').allTextContents()).not.toContain('Gửi trả lời');
    await accessible(page, 'recommendation-drawer');
    await shot(page, 'supervision-recommendation');
  });

  it('the ward answers the recommendation; the supervisor sees the answer and closes the supervision', async () => {
    expect(recommendation).not.toBe('');
    const leader = await staff('chutich');
    await leader.goto(`${kit.base}/app/kien-nghi`);
    await leader.getByRole('button', { name: recommendation }).click();
    const drawer = leader.getByRole('dialog').filter({ hasText: `Kiến nghị ${recommendation}` });
    await drawer.getByLabel('Nội dung trả lời').fill('UBND phường đã kiểm điểm bộ phận liên quan và gửi văn bản xin lỗi người dân.');
    await drawer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await drawer.getByTestId('recommendation-answer').waitFor();
    await drawer.getByText('Trả lời đúng hạn').waitFor();
    await accessible(leader, 'recommendation-answered');
    await shot(leader, 'ward-answers-recommendation');

    const supervisor = await staff('mattran');
    await supervisor.goto(`${kit.base}/app/kien-nghi`);
    await supervisor.getByRole('button', { name: recommendation }).click();
    const mine = supervisor.getByRole('dialog').filter({ hasText: `Kiến nghị ${recommendation}` });
    await mine.getByTestId('recommendation-answer').waitFor();
    await mine.getByRole('button', { name: 'Kết thúc giám sát' }).click();
    await mine.getByText('Đã kết thúc giám sát').first().waitFor();
    const row = await kit.db.kysely.selectFrom('supervision_recommendation').select('status').where('code', '=', recommendation).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
    expect(kit.cspViolations).toEqual([]);
  });
});
