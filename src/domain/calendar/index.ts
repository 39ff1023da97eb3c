// Business hours: a calendar (zone, working days, hours, holidays) and deadline arithmetic across DST.
export { DEFAULT_BUSINESS_CALENDAR, addBusinessTime, resolvePolicyDuration, isWithinBusinessHours, checkBusinessCalendar, parseWallTime } from './business-calendar.js';
export type { BusinessCalendar } from './business-calendar.js';
