/** antd's Tooltip and Popconfirm as a chunk of their own, loaded by components/overlays/overlays.tsx. */
export { Popconfirm, Tooltip } from 'antd';
