/**
 * A new password and the same again, for the account page (修改密码) and the reset link's page: the rule is the
 * sign-up rule (shared/validators/password.ts `isPasswordShapeOk`), said once under the field; the leaked-password list is the
 * server's, and its refusal is shown on the field by `passwordServerErrors`. The second field is never sent.
 */
import { Form, Input } from 'antd';
import { accountCatalog } from '../../shared/i18n/locales/account.js';
import { isPasswordShapeOk } from '../../shared/validators/password.js';
import { ApiError } from '../lib/api.js';
import { useCatalog } from '../lib/i18n.js';

export const CONFIRM_FIELD = 'confirmPassword';

export function NewPasswordFields(props: { name: string; label: string; confirmLabel: string }) {
  const { t } = useCatalog(accountCatalog);
  return (
    <>
      <Form.Item
        label={props.label}
        name={props.name}
        extra={t('newPasswordHint')}
        rules={[
          {
            validator: async (_, v?: string) => {
              if (!v) throw new Error(t('required'));
              if (!isPasswordShapeOk(v)) throw new Error(t('passwordWeak'));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={props.confirmLabel}
        name={CONFIRM_FIELD}
        dependencies={[props.name]}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, v?: string) => {
              if (!v) throw new Error(t('required'));
              if (v !== getFieldValue(props.name)) throw new Error(t('mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/**
 * The server's refusal of a new password, as form field errors in the UI's language: the field the server named
 * under `newField` (the only check left to it is the leaked-password list), `wrong_password` under `currentField`.
 */
export function usePasswordServerErrors(newField: string, currentField?: string) {
  const { t } = useCatalog(accountCatalog);
  return (err: unknown): { name: string; errors: string[] }[] => {
    if (!(err instanceof ApiError)) return [];
    if (err.code === 'wrong_password' && currentField)
      return [{ name: currentField, errors: [t('page.wrongCurrent')] }];
    if (err.code === 'same_password') return [{ name: newField, errors: [t('page.sameAsCurrent')] }];
    return err.errors.some((e) => e.field === newField) ? [{ name: newField, errors: [t('passwordCommon')] }] : [];
  };
}
