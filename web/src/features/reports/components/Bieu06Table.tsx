import type { Bieu06Answer, Bieu06Cell, Bieu06Column, TimelinessView } from '../api/reports.ts';

/** Column headings of Biểu số 06/VPCP/KSTT as printed (Circular 01/2020/TT-VPCP), same as the XLSX/PDF. */
export const COLUMN_VI: Record<Bieu06Column, string> = {
  '3': 'Tổng số',
  '4': 'Trực tuyến',
  '5': 'Trực tiếp, dịch vụ bưu chính công ích',
  '6': 'Từ kỳ trước',
  '7': 'Tổng số',
  '8': 'Trước hạn',
  '9': 'Đúng hạn',
  '10': 'Quá hạn',
  '11': 'Tổng số',
  '12': 'Trong hạn',
  '13': 'Quá hạn',
};
export const GROUP_OF: Record<Bieu06Column, string> = {
  '3': 'Số hồ sơ nhận giải quyết',
  '4': 'Số hồ sơ nhận giải quyết',
  '5': 'Số hồ sơ nhận giải quyết',
  '6': 'Số hồ sơ nhận giải quyết',
  '7': 'Số hồ sơ đã giải quyết',
  '8': 'Số hồ sơ đã giải quyết',
  '9': 'Số hồ sơ đã giải quyết',
  '10': 'Số hồ sơ đã giải quyết',
  '11': 'Số hồ sơ đang giải quyết',
  '12': 'Số hồ sơ đang giải quyết',
  '13': 'Số hồ sơ đang giải quyết',
};

/** Header groups as in the XLSX/PDF (bieu06.document.ts): a total, then "Trong đó" and its parts. */
const GROUPS: { label: string; columns: Bieu06Column[] }[] = [
  { label: 'Số hồ sơ nhận giải quyết', columns: ['3', '4', '5', '6'] },
  { label: 'Số hồ sơ đã giải quyết', columns: ['7', '8', '9', '10'] },
  { label: 'Số hồ sơ đang giải quyết', columns: ['11', '12', '13'] },
];

const cellStyle: React.CSSProperties = { border: '1px solid #8c8c8c', padding: '3px 6px', textAlign: 'center', verticalAlign: 'middle' };
const th: React.CSSProperties = { ...cellStyle, background: '#fafafa', fontWeight: 600 };
const numberButton: React.CSSProperties = {
  background: 'none',
  border: 0,
  padding: '0 4px',
  color: '#0958d9',
  textDecoration: 'underline',
  cursor: 'pointer',
  font: 'inherit',
  minWidth: 24,
};

/** The report in its official layout; every non-zero number is a button that opens the dossiers behind it. */
export function Bieu06Table({ data, view, onPick }: { data: Bieu06Answer; view: TimelinessView; onPick: (cell: Bieu06Cell) => void }) {
  const v = data.views[view];
  const rows = [{ no: '', kind: 'total' as const, label: 'Tổng số', field: undefined, procedureCode: null, counts: v.total }, ...v.rows];
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }} data-testid={`bieu06-${view}`}>
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}>
          {data.form}: {data.period.label} ·{' '}
          {view === 'original' ? 'đúng hạn, quá hạn tính theo ngày hẹn ban đầu (không tính gia hạn)' : 'đúng hạn, quá hạn tính theo ngày hẹn sau gia hạn (văn bản xin lỗi, mẫu 04)'} ·
          đơn vị tính: hồ sơ
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={3} style={th}>
              STT
            </th>
            <th scope="col" rowSpan={3} style={{ ...th, minWidth: 220 }}>
              Lĩnh vực, công việc giải quyết theo cấp
            </th>
            {GROUPS.map((g) => (
              <th key={g.label} scope="colgroup" colSpan={g.columns.length} style={th}>
                {g.label}
              </th>
            ))}
          </tr>
          <tr>
            {GROUPS.map((g) => [
              <th key={`${g.label}-total`} scope="col" rowSpan={2} style={th}>
                {COLUMN_VI[g.columns[0]!]}
              </th>,
              <th key={`${g.label}-of`} scope="colgroup" colSpan={g.columns.length - 1} style={th}>
                Trong đó
              </th>,
            ])}
          </tr>
          <tr>
            {GROUPS.flatMap((g) =>
              g.columns.slice(1).map((c) => (
                <th key={c} scope="col" style={th}>
                  {COLUMN_VI[c]}
                </th>
              )),
            )}
          </tr>
          <tr>
            {['1', '2', ...data.columns].map((c) => (
              <th key={c} scope="col" style={{ ...th, fontWeight: 400, fontStyle: 'italic' }}>
                ({c})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const bold = r.kind !== 'procedure';
            return (
              <tr key={`${r.kind}-${r.no}-${r.procedureCode ?? r.field ?? ''}`} style={r.kind === 'total' ? { background: '#f6ffed' } : undefined}>
                <td style={cellStyle}>{r.no}</td>
                <th scope="row" style={{ ...cellStyle, textAlign: 'left', fontWeight: bold ? 700 : 400, paddingLeft: r.kind === 'procedure' ? 18 : 6 }}>
                  {r.label}
                </th>
                {data.columns.map((c) => {
                  const n = r.counts[c];
                  return (
                    <td key={c} style={{ ...cellStyle, fontWeight: bold ? 700 : 400 }}>
                      {n === 0 ? (
                        '0'
                      ) : (
                        <button
                          type="button"
                          style={numberButton}
                          aria-label={`${n} hồ sơ: ${GROUP_OF[c]}, ${COLUMN_VI[c]} (cột ${c}), ${r.label}. Xem danh sách`}
                          onClick={() =>
                            onPick({
                              column: c,
                              view,
                              field: r.kind === 'field' ? r.field : undefined,
                              procedure: r.kind === 'procedure' ? (r.procedureCode ?? undefined) : undefined,
                              label: `${r.label} · ${GROUP_OF[c]}: ${COLUMN_VI[c]} (cột ${c})`,
                            })
                          }
                        >
                          {n.toLocaleString('vi-VN')}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
