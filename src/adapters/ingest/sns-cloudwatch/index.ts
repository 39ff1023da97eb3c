// Amazon SNS HTTPS deliveries carrying CloudWatch alarms → AlertSignals; subscription handshake as a
// typed follow-up (never fetched here); SNS signature verification against a given certificate.
export { snsCloudWatchSource } from './sns-cloudwatch-source.js';
export { parseSnsCloudWatch, SNS_CLOUDWATCH } from './sns-cloudwatch-parser.js';
export { snsMessageSchema, cloudWatchAlarmSchema, CLOUDWATCH_STATES } from './sns-cloudwatch-schema.js';
export type { SnsMessage, CloudWatchAlarm } from './sns-cloudwatch-schema.js';
export { verifySnsSignature, snsStringToSign, isTrustedSigningCertUrl, isAwsSnsUrl } from './verify-sns-signature.js';
export type { SnsSignatureResult } from './verify-sns-signature.js';
