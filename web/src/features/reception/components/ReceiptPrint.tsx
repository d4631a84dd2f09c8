import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { fmtDate, fmtDateTime, timeLimitText } from '../../../lib/format.ts';
import { get } from '../../../lib/http.ts';
import type { Procedure } from '../../../lib/types.ts';
import { useReceipt } from '../api/reception.ts';

/** A clean print view of the receipt and appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
export function ReceiptPrint() {
  const { code = '' } = useParams();
  const { data: d, error } = useReceipt(code);
  const procedure = useQuery({ queryKey: ['procedure', d?.procedure.code], queryFn: () => get<Procedure>(`/api/procedures/${d!.procedure.code}`), enabled: !!d });
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!d) return <Skeleton active />;
  const submitted = new Set(d.submittedComponents);
  return (
    <>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>
          In giấy tiếp nhận
        </Button>
        <Link to={`/ho-so/${d.code}`}>Xem hồ sơ</Link>
        <Link to="/tiep-nhan">Tiếp nhận hồ sơ khác</Link>
      </Space>
      <article className="receipt" aria-label="Giấy tiếp nhận hồ sơ và hẹn trả kết quả">
        <p style={{ textAlign: 'center', margin: 0 }}>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <br />
          Độc lập - Tự do - Hạnh phúc
        </p>
        <h1 style={{ textAlign: 'center', fontSize: 20, marginTop: 16 }}>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
        <p style={{ textAlign: 'center' }}>
          Mã hồ sơ: <strong data-testid="receipt-code">{d.code}</strong>
        </p>
        <p>
          Tiếp nhận hồ sơ của: <strong>{d.applicant.fullName}</strong>, số định danh {d.applicant.idNumber}, điện thoại {d.applicant.phone}
          <br />
          Địa chỉ: {d.applicant.address}
        </p>
        <p>
          Nội dung yêu cầu giải quyết: <strong>{d.procedure.name}</strong> (thời hạn {timeLimitText(d.timeLimit)})
        </p>
        <p>Thành phần hồ sơ nộp gồm:</p>
        <ol>
          {(procedure.data?.components ?? []).filter((c) => submitted.has(c.id)).map((c) => (
            <li key={c.id}>
              {c.name} ({c.count} bản)
            </li>
          ))}
        </ol>
        <p>Thời gian nhận hồ sơ: {fmtDateTime(d.receivedAt)}</p>
        <p style={{ fontSize: 18 }}>
          Thời gian trả kết quả: <strong data-testid="receipt-due">{fmtDateTime(d.dueAt)}</strong> ({fmtDate(d.dueAt)})
        </p>
        {d.dueExplanation && <p style={{ fontSize: 13 }}>{d.dueExplanation.text}</p>}
        <p>
          Tra cứu tình trạng hồ sơ tại <strong>{window.location.origin}/tra-cuu</strong> với mã hồ sơ và 4 số cuối số điện thoại.
        </p>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 32, textAlign: 'center' }}>
          <div>
            <strong>NGƯỜI NỘP HỒ SƠ</strong>
            <br />
            <em>(Ký và ghi rõ họ tên)</em>
          </div>
          <div>
            <strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong>
            <br />
            <em>(Ký và ghi rõ họ tên)</em>
            <br />
            <br />
            <br />
            {d.timeline[0]?.actor.name}
          </div>
        </div>
      </article>
    </>
  );
}
