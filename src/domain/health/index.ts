// System health as people read it: metric units, change from baseline, the product's groups.
export { METRIC_UNITS, HEALTH_GROUPS, HEALTH_GROUP_TITLES, describeMetric, describeHealth, healthRow, formatNumber } from './describe-health.js';
export type { MetricUnit, HealthGroup, MetricDescription, MetricHints, HealthRow, HealthGroupRows, ChangeDirection } from './describe-health.js';
