import { Card, Form, Input, Select } from 'antd';
import { SPONSOR_TYPE_LABELS, SPONSOR_TYPES } from '../../../../../shared/filing/status.js';
import { Field, GroupError } from './EditorContext.js';

export function SponsorStep() {
  const type = Form.useWatch(['sponsor', 'type']);
  const individual = type === 'individual';
  return (
    <>
      <Field field="sponsor.type">
        <Select
          style={{ maxWidth: 320 }}
          placeholder="请选择"
          options={SPONSOR_TYPES.map((t) => ({ value: t, label: SPONSOR_TYPE_LABELS[t] }))}
        />
      </Field>
      <Field field="sponsor.name" label={individual ? '主办个人姓名' : '主办单位名称'}>
        <Input maxLength={200} />
      </Field>
      <Field
        field="sponsor.idNumber"
        label={individual ? '居民身份证号码' : '统一社会信用代码'}
        extra="注：类型为“个人”时填入个人身份证号码；类型为“企业/事业单位/其他组织”时填入统一社会信用代码。"
      >
        <Input maxLength={18} style={{ maxWidth: 320, textTransform: 'uppercase' }} autoComplete="off" />
      </Field>
    </>
  );
}

export function PeopleStep() {
  return (
    <>
      {(['principal', 'contact'] as const).map((role) => (
        <Card
          key={role}
          title={role === 'principal' ? '主要负责人' : '联系人'}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <GroupError field={`people.${role}`} />
          <Field field={`people.${role}.name`} label="姓名">
            <Input maxLength={50} style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.mobile`} label="手机号码">
            <Input maxLength={20} inputMode="tel" style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.email`} label="电子邮箱">
            <Input inputMode="email" style={{ maxWidth: 320 }} />
          </Field>
        </Card>
      ))}
    </>
  );
}
