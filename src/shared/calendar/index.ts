export * from './dates.js';
export * from './dueWindow.js';
export * from './schedules.js';
export * from './workingDays.js';
