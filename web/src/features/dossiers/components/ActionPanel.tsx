import { Alert, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../../lib/http.ts';
import type { DossierDetail, Me, Procedure } from '../../../lib/types.ts';
import { type ActionInput, useDossierAction } from '../api/dossiers.ts';
import { ActionForm, type Available } from './ActionForms.tsx';

const PRIMARY = new Set(['assign', 'start_processing', 'submit_for_approval', 'approve', 'issue_result', 'return_result', 'receive', 'receive_supplement', 'record_consultation', 'confirm_payment', 'extend_deadline']);
const DANGER = new Set(['refuse', 'stop', 'withdraw']);
/** Actions that always ask for something in a dialog (a reason, a list, a date, a division, a confirmation). */
const DIALOG = new Set(['request_supplement', 'refuse', 'draft_apology', 'extend_deadline', 'assign']);
const SUPPLEMENT_FROM = new Set(['submitted', 'received', 'processing']);
const SUPPLEMENT_ROLES = new Set(['reception', 'specialist', 'division_head', 'leader']);

/**
 * The buttons are the server's availableActions: a user without the role sees none. Actions that need input
 * ask for it in a dialog first (ActionForms.tsx). One exception, on purpose: once a dossier has had its one
 * supplement request, the button stays visible so that the rule is explained (the server answers 409
 * SUPPLEMENT_LIMIT), and a leader may override it with a reason (DOMAIN.md 17.4).
 */
export function ActionPanel({ dossier, me, procedure }: { dossier: DossierDetail; me: Me; procedure: Procedure | undefined }) {
  const [open, setOpen] = useState<Available | null>(null);
  const action = useDossierAction(dossier.code);
  const error = action.error as ApiError | null;
  const buttons: Available[] = [...dossier.availableActions];
  const limited =
    !buttons.some((a) => a.action === 'request_supplement') &&
    SUPPLEMENT_FROM.has(dossier.status) &&
    SUPPLEMENT_ROLES.has(me.role) &&
    (dossier.supplementCount >= 1 || me.role === 'leader');
  if (limited) {
    buttons.push({ action: 'request_supplement', label: me.role === 'leader' ? 'Cho phép yêu cầu bổ sung ngoại lệ (mẫu 02)' : 'Yêu cầu bổ sung (mẫu 02)', needsReason: true });
  }
  const needsDialog = (a: Available) => a.needsReason || DIALOG.has(a.action) || (a.action === 'start_processing' && me.role === 'division_head');
  const run = (a: Available, input: ActionInput) => action.mutate({ action: a.action, input }, { onSuccess: () => setOpen(null) });

  if (buttons.length === 0) return null;
  return (
    <section aria-label="Thao tác">
      {action.error && !open && <Alert type="error" showIcon title={error?.message} style={{ marginBottom: 8 }} />}
      <Space wrap>
        {buttons.map((a, i) => (
          <Button
            key={a.action}
            type={PRIMARY.has(a.action) && i === 0 ? 'primary' : 'default'}
            danger={DANGER.has(a.action)}
            loading={action.isPending && action.variables?.action === a.action}
            onClick={() => {
              action.reset();
              if (needsDialog(a)) setOpen(a);
              else run(a, {});
            }}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open?.label}
        okText="Xác nhận"
        cancelText="Hủy"
        confirmLoading={action.isPending}
        onCancel={() => setOpen(null)}
        okButtonProps={{ htmlType: 'submit', form: 'action-form' }}
        width={open?.action === 'request_supplement' ? 720 : 520}
        destroyOnHidden
      >
        {action.error && open && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="action-error"
            title={error?.code === 'SUPPLEMENT_LIMIT' ? 'Không được yêu cầu bổ sung lần thứ hai' : error?.message}
            description={error?.code === 'SUPPLEMENT_LIMIT' ? error?.message : undefined}
            style={{ marginBottom: 8 }}
          />
        )}
        {open && (
          <ActionForm
            available={open}
            dossier={dossier}
            me={me}
            procedure={procedure}
            limited={limited && open.action === 'request_supplement'}
            fieldError={error?.field}
            onSubmit={(input) => run(open, input)}
          />
        )}
      </Modal>
    </section>
  );
}
