import { Space, Typography } from 'antd';
import type { DossierDetail } from '../../../lib/types.ts';

/** The official forms (DOMAIN.md 4) that apply to this dossier now, as PDF and DOCX links. */
export function applicableForms(d: DossierDetail): { form: string; label: string }[] {
  const acted = new Set(d.timeline.map((e) => e.action));
  const forms: { form: string; label: string; when: boolean }[] = [
    { form: 'receipt', label: 'Giấy tiếp nhận, hẹn trả (mẫu 01)', when: !!d.receivedAt },
    { form: 'supplement-request', label: 'Phiếu yêu cầu bổ sung (mẫu 02)', when: d.supplementCount > 0 },
    { form: 'refusal', label: 'Phiếu từ chối (mẫu 03)', when: d.status === 'refused' },
    { form: 'apology', label: 'Văn bản xin lỗi, hẹn lại (mẫu 04)', when: acted.has('draft_apology') },
    { form: 'stop-notice', label: 'Thông báo dừng giải quyết (mẫu 05)', when: d.status === 'stopped' },
    { form: 'control-slip', label: 'Phiếu kiểm soát quá trình', when: !!d.receivedAt },
  ];
  return forms.filter((f) => f.when);
}

export function FormLinks({ dossier }: { dossier: DossierDetail }) {
  const forms = applicableForms(dossier);
  if (forms.length === 0) return null;
  const base = `/api/dossiers/${encodeURIComponent(dossier.code)}/forms`;
  return (
    <nav aria-label="In biểu mẫu" data-testid="form-links">
      <Typography.Text strong>In biểu mẫu: </Typography.Text>
      <Space wrap size={[16, 4]}>
        {forms.map((f) => (
          <span key={f.form}>
            {f.label}:{' '}
            <a href={`${base}/${f.form}.pdf`} target="_blank" rel="noreferrer" aria-label={`${f.label}, PDF`}>
              PDF
            </a>{' '}
            ·{' '}
            <a href={`${base}/${f.form}.docx`} aria-label={`${f.label}, DOCX`}>
              DOCX
            </a>
          </span>
        ))}
      </Space>
    </nav>
  );
}
