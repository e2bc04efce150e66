/** antd's date picker as a chunk of its own, loaded by components/datePicker/DatePicker.tsx when one first renders. */
export { DatePicker } from 'antd';
