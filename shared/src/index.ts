export * from './vitals/catalogue.js';
export * from './protocol/errors.js';
export * from './readings/schemas.js';
export * from './sessions/schemas.js';
export * from './thresholds/profile.js';
export * from './thresholds/evaluate.js';
export * from './alarms/schemas.js';
export * from './socket/events.js';
