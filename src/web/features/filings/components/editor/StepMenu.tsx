/**
 * The phone's list of steps (global.css shows it below 768 px instead of the step bar): a menu of every step with
 * its mark. Loaded after the editor (StepEditor.tsx); a tap on the button before it arrived opens it once it has.
 */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Dropdown } from 'antd';
import { type ReactNode, useState } from 'react';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { useCatalog } from '../../../../lib/i18n.js';
import type { StepStatus } from './StepEditor.js';
import type { StepKey } from './steps.js';

export function StepMenu({
  current,
  items,
  onPick,
  openAtOnce = false,
  children,
}: {
  current: StepKey;
  items: { key: StepKey; status: StepStatus; note: string }[];
  onPick: (step: StepKey) => void;
  /** The button was tapped while this was loading. */
  openAtOnce?: boolean;
  children: ReactNode;
}) {
  const { t: te } = useCatalog(editorCatalog);
  const [open, setOpen] = useState(openAtOnce);
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      menu={{
        selectedKeys: [current],
        onClick: ({ key }) => {
          setOpen(false);
          onPick(key as StepKey);
        },
        items: items.map(({ key: k, status, note }, i) => ({
          key: k,
          danger: status === 'error',
          icon:
            status === 'finish' ? (
              <CheckCircleFilled style={{ color: '#389e0d' }} />
            ) : status === 'error' ? (
              <CloseCircleFilled />
            ) : undefined,
          label: (
            <span data-testid={`step-menu-${k}`} data-status={status}>
              {k === 'confirm'
                ? te('steps.menuItemPlain', { n: i + 1, name: te(`steps.${k}`) })
                : te('steps.menuItem', {
                    n: i + 1,
                    name: te(`steps.${k}`),
                    note: k === current ? te('steps.current') : note,
                  })}
            </span>
          ),
        })),
      }}
    >
      {children}
    </Dropdown>
  );
}
