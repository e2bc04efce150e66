/** antd's Timeline as a chunk of its own, loaded by components/timeline/LazyTimeline.tsx. */
export { Timeline } from 'antd';
