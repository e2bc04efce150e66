/** antd's Table as a chunk of its own, loaded by components/table/LazyTable.tsx. */
export { Table } from 'antd';
