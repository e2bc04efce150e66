export * from './checkSchedule.js';
export * from './dates.js';
export * from './dueWindow.js';
export * from './noticeParser.js';
export * from './problems.js';
export * from './schedules.js';
export * from './workingDays.js';
